/**
 * `wsksim matrix`: the 6x6 address-sharing outcome table of a profile, computed by running the binds through the
 * simulator (a fresh provider per cell: the first socket with its option and address, then the second socket).
 */
import { Option, type Command } from 'commander';
import { BIND_KINDS } from '../../abi/sharing-rules';
import { POLICY_PRESETS, type PolicyPresetName } from '../../abi/policy';
import type { BindKind, Citation } from '../../abi/schema';
import { encodeSockaddrText } from '../codec/sockaddr';
import { AF, CODE, LEVEL, REQUEST, SOCK, STATUS, WSA, WSK_FLAG, statusName } from '../codec/names';
import { WskProvider, type ProfileName } from '../provider/provider';
import type { CliContext } from './main';

/** Address families the matrix can be computed for. */
export type MatrixFamily = 'inet' | 'inet6' | 'dual';

/** Inputs of a matrix. */
export interface MatrixOptions {
  readonly profile: ProfileName;
  readonly family: MatrixFamily;
  readonly owners: 'same' | 'different';
  /** `default`: the first socket keeps the default descriptor; `allow`: its descriptor allows the second owner. */
  readonly sd: 'default' | 'allow';
  /** Policy preset of the providers (default strict). */
  readonly policy?: PolicyPresetName;
}

/** One computed cell: the second bind's result over the first binding. */
export interface MatrixCell {
  readonly first: BindKind;
  readonly second: BindKind;
  /** SUCCESS, INUSE, DENIED, or FREE (no overlapping binding); otherwise the status name. */
  readonly outcome: string;
  readonly status: number;
  readonly statusName: string;
  readonly wsaError: number;
  readonly rule: string;
  /** Whether the deciding cell is a measured override row. */
  readonly override: boolean;
  readonly source: Citation | null;
}

/** The orientation of every printed matrix. */
export const MATRIX_ORIENTATION = 'rows = SECOND bind, columns = FIRST bind';

const ADDRESSES: { readonly [K in MatrixFamily]: { readonly first: { W: string; S: string }; readonly second: { W: string; S: string } } } = {
  inet: { first: { W: '0.0.0.0:5150', S: '127.0.0.1:5150' }, second: { W: '0.0.0.0:5150', S: '127.0.0.1:5150' } },
  inet6: { first: { W: '[::]:5150', S: '[::1]:5150' }, second: { W: '[::]:5150', S: '[::1]:5150' } },
  dual: { first: { W: '[::]:5150', S: '[::ffff:127.0.0.1]:5150' }, second: { W: '0.0.0.0:5150', S: '127.0.0.1:5150' } },
};

/** What the first and second sockets are, in words (for the header). */
export function describeSockets(family: MatrixFamily): string {
  const a = ADDRESSES[family];
  const first = family === 'dual' ? 'first: AF_INET6 dual-stack (IPV6_V6ONLY = 0)' : `first: ${family === 'inet' ? 'AF_INET' : 'AF_INET6'}`;
  const second = family === 'dual' ? 'second: AF_INET' : `second: ${family === 'inet' ? 'AF_INET' : 'AF_INET6'}`;
  return `${first}, W = ${a.first.W}, S = ${a.first.S}; ${second}, W = ${a.second.W}, S = ${a.second.S}; TCP listening sockets`;
}

function control(p: WskProvider, s: number, code: number, level: number, value: number): void {
  const input = Buffer.alloc(4);
  input.writeUInt32LE(value, 0);
  const st = p.wskControlSocket(s, REQUEST.WskSetOption, code, level, 4, input, 0, null, null, Buffer.alloc(p.layout.sizeofIrp));
  if (st !== STATUS.STATUS_SUCCESS) throw new Error(`setting option 0x${code.toString(16)} failed: ${statusName(st)} (${p.reason.rule})`);
}

function socket(p: WskProvider, family: number, owner: string, kind: BindKind, dual: boolean, sd: number): number {
  const r = p.wskSocket({ family, type: SOCK.SOCK_STREAM, protocol: 6, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET, owner, securityDescriptor: sd });
  if (r.status !== STATUS.STATUS_SUCCESS) throw new Error(`WskSocket failed: ${statusName(r.status)}`);
  if (dual) control(p, r.socket, CODE.IPV6_V6ONLY, LEVEL.IPPROTO_IPV6, 0);
  if (kind[0] === 'R') control(p, r.socket, CODE.SO_REUSEADDR, LEVEL.SOL_SOCKET, 1);
  if (kind[0] === 'E') control(p, r.socket, CODE.SO_EXCLUSIVEADDRUSE, LEVEL.SOL_SOCKET, 1);
  return r.socket;
}

/** Compute one cell by binding both sockets on a fresh provider. */
export function computeCell(o: MatrixOptions, first: BindKind, second: BindKind): MatrixCell {
  const p = new WskProvider({ profile: o.profile, policy: o.policy ?? 'strict' });
  const a = ADDRESSES[o.family];
  const firstOwner = 'alice';
  const secondOwner = o.owners === 'same' ? 'alice' : 'bob';
  const sd = o.sd === 'allow' ? p.cacheSecurityDescriptor([secondOwner]) : 0;
  const fam1 = o.family === 'inet' ? AF.AF_INET : AF.AF_INET6;
  const fam2 = o.family === 'inet6' ? AF.AF_INET6 : AF.AF_INET;
  const s1 = socket(p, fam1, firstOwner, first, o.family === 'dual', sd);
  const st1 = p.wskBind(s1, encodeSockaddrText(a.first[first[2] as 'W' | 'S']), 0, Buffer.alloc(p.layout.sizeofIrp));
  if (st1 !== STATUS.STATUS_SUCCESS) throw new Error(`first bind ${first} failed: ${statusName(st1)}`);
  const s2 = socket(p, fam2, secondOwner, second, false, 0);
  const status = p.wskBind(s2, encodeSockaddrText(a.second[second[2] as 'W' | 'S']), 0, Buffer.alloc(p.layout.sizeofIrp));
  const r = p.reason;
  const outcome = status === STATUS.STATUS_SUCCESS ? (r.conflictSocket === 0 ? 'FREE' : 'SUCCESS')
    : r.wsaError === WSA.WSAEADDRINUSE ? 'INUSE' : r.wsaError === WSA.WSAEACCES ? 'DENIED' : statusName(status);
  return {
    first, second, outcome, status, statusName: statusName(status), wsaError: r.wsaError, rule: r.rule,
    override: p.rules.profile.overrides.some((c) => c.id === r.rule), source: r.source,
  };
}

/** The whole matrix, indexed [second][first] (rows = second bind). */
export function computeMatrix(o: MatrixOptions): MatrixCell[][] {
  return BIND_KINDS.map((second) => BIND_KINDS.map((first) => computeCell(o, first, second)));
}

/** Text form: header with orientation, the table, and a legend. */
export function formatMatrix(o: MatrixOptions, m: readonly (readonly MatrixCell[])[]): string {
  const p = new WskProvider({ profile: o.profile, policy: o.policy ?? 'strict' });
  const w = 10;
  const pad = (s: string): string => s.padEnd(w);
  const lines = [
    `wsksim matrix: profile ${o.profile}, family ${o.family}, owners ${o.owners}, first socket's descriptor ${o.sd === 'allow' ? 'allows the second owner' : 'default'}`,
    `Computed by running both binds through the simulator, a fresh provider per cell.`,
    `Orientation: ${MATRIX_ORIENTATION} (the WSK table's orientation; user-mode tables A-C are printed transposed).`,
    describeSockets(o.family),
    '',
    `${pad('2nd \\ 1st')}${BIND_KINDS.map(pad).join('')}`.trimEnd(),
    ...m.map((row, i) => `${pad(BIND_KINDS[i]!)}${row.map((c) => pad(c.outcome + (c.override ? '*' : ''))).join('')}`.trimEnd()),
    '',
    `SUCCESS = STATUS_SUCCESS (sharing allowed by the cell); FREE = STATUS_SUCCESS, no overlapping binding;`,
    `INUSE = ${statusName(p.rules.inuseStatus)} / WSAEADDRINUSE; DENIED = ${statusName(p.rules.deniedStatus)} / WSAEACCES;`,
    `* = decided by a measured override row. Per-cell rule ids and sources: --json.`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Register the `matrix` command. */
export function registerMatrixCommand(program: Command, ctx: CliContext): void {
  program
    .command('matrix')
    .description('print the 6x6 address-sharing outcome table of a profile, computed by binding through the simulator')
    .addOption(new Option('--profile <name>', 'sharing profile').choices(['wsk', 'winsock', 'winsock-xp']).default('wsk'))
    .addOption(new Option('--family <family>', 'inet: two IPv4 sockets; inet6: two V6ONLY IPv6 sockets; dual: a dual-stack IPv6 first socket and an IPv4 second socket').choices(['inet', 'inet6', 'dual']).default('inet'))
    .addOption(new Option('--owners <relation>', 'whether the two sockets have the same owner').choices(['same', 'different']).default('same'))
    .addOption(new Option('--sd <descriptor>', "first socket's security descriptor (decides wsk CHECK cells)").choices(['default', 'allow']).default('default'))
    .addOption(new Option('--policy <preset>', 'policy preset of the simulated provider').choices(Object.keys(POLICY_PRESETS)).default('strict'))
    .option('--json', 'print the cells with their rule ids and sources as JSON')
    .addHelpText('after', `\nRows are the SECOND bind, columns the FIRST bind.\nExit status: 0 printed, 1 the simulator could not set up a cell, 2 bad arguments.`)
    .action((opts: { profile: ProfileName; family: MatrixFamily; owners: 'same' | 'different'; sd: 'default' | 'allow'; policy: PolicyPresetName; json?: boolean }) => {
      const o: MatrixOptions = { profile: opts.profile, family: opts.family, owners: opts.owners, sd: opts.sd, ...(opts.policy !== 'strict' ? { policy: opts.policy } : {}) };
      let m: MatrixCell[][];
      try {
        m = computeMatrix(o);
      } catch (e) {
        ctx.err(`wsksim matrix: ${(e as Error).message}\n`);
        ctx.setExit(1);
        return;
      }
      if (opts.json) {
        ctx.out(`${JSON.stringify({ ...o, orientation: MATRIX_ORIENTATION, sockets: describeSockets(o.family), rows: m }, null, 2)}\n`);
      } else {
        ctx.out(formatMatrix(o, m));
      }
      ctx.setExit(0);
    });
}
