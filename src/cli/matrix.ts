/**
 * `wsksim matrix`: the 6x6 address-sharing outcome table of a profile, computed by running the binds through the
 * simulator (a fresh provider per cell: the first socket with its option and address, then the second socket). With
 * --lingering, the first socket accepts a connection and is closed before the second bind (docs/POLICY.md#connections):
 * the connection still open, in TIME_WAIT, or after TIME_WAIT's 240 s.
 */
import { Option, type Command } from 'commander';
import { BIND_KINDS } from '../../abi/sharing-rules';
import { POLICY_PRESETS, type PolicyPresetName } from '../../abi/policy';
import type { BindKind, Citation } from '../../abi/schema';
import { encodeSockaddrText } from '../codec/sockaddr';
import { AF, CODE, LEVEL, REQUEST, SOCK, STATUS, WSA, WSK_FLAG, statusName } from '../codec/names';
import { TIME_WAIT_SECONDS } from '../provider/connections';
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
  /**
   * What the first socket went through before the second bind (default none): it accepted a connection and was closed
   * while the connection was open (`active`); then the connection was disconnected gracefully and closed, lingering
   * in TIME_WAIT (`time-wait`); then 240 s of simulated time passed (`expired`).
   */
  readonly lingering?: MatrixLingering;
}

/** Stages of the lingering case. */
export type MatrixLingering = 'none' | 'active' | 'time-wait' | 'expired';

/** The lingering stages, in order. */
export const MATRIX_LINGERING: readonly MatrixLingering[] = ['none', 'active', 'time-wait', 'expired'];

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

/**
 * The lingering case for the first socket: a remote peer connects to it (to its specific address, or to the loopback
 * address on its port), it accepts, and it is closed with the connection open; from `time-wait` on, the accepted
 * socket is disconnected gracefully and closed; at `expired`, TIME_WAIT's 240 s pass.
 */
function linger(p: WskProvider, s1: number, family: number, specific: string | null, stage: MatrixLingering): void {
  const irp = (): Buffer => Buffer.alloc(p.layout.sizeofIrp);
  const v6 = family === AF.AF_INET6;
  const to = encodeSockaddrText(specific ?? (v6 ? '[::1]:5150' : '127.0.0.1:5150'))!;
  // The peer's address in the form of the destination (a v4-mapped destination is reached over IPv4).
  const from = encodeSockaddrText(!v6 ? '192.0.2.1:40000' : specific?.startsWith('[::ffff:') === true ? '[::ffff:192.0.2.1]:40000' : '[2001:db8::1]:40000')!;
  const step = (what: string, st: number): void => {
    if (st !== STATUS.STATUS_SUCCESS) throw new Error(`lingering case: ${what} failed: ${statusName(st)} (${p.reason.rule})`);
  };
  if (p.incomingConnection(from, to) !== s1) throw new Error(`lingering case: the connection was not routed to the first socket (${p.reason.rule})`);
  step('WskAccept', p.wskAccept(s1, 0, null, null, irp()));
  const accepted = p.lastAcceptedSocket;
  step('WskCloseSocket of the first socket', p.wskCloseSocket(s1, irp()));
  if (stage === 'active') return;
  step('WskDisconnect', p.wskDisconnect(accepted, 0, 0, irp()));
  step('WskCloseSocket of the accepted socket', p.wskCloseSocket(accepted, irp()));
  if (stage === 'expired') p.advanceTime(TIME_WAIT_SECONDS);
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
  if ((o.lingering ?? 'none') !== 'none') linger(p, s1, fam1, first[2] === 'W' ? null : a.first.S, o.lingering!);
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

const LINGERING_TEXT: { readonly [K in MatrixLingering]: string } = {
  none: '',
  active: 'Before the second bind the first socket accepted a connection and was closed while it is open (docs/POLICY.md#connection-exclusive-reservation).',
  'time-wait': 'Before the second bind the first socket accepted a connection and was closed; the connection was then disconnected gracefully and closed, and lingers in TIME_WAIT (docs/POLICY.md#connection-time-wait).',
  expired: 'Before the second bind the first socket accepted a connection and was closed; the connection was disconnected gracefully and closed, and 240 s of simulated time passed (TIME_WAIT over).',
};

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
    ...((o.lingering ?? 'none') === 'none' ? [] : [LINGERING_TEXT[o.lingering!]]),
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
    .addOption(new Option('--lingering <stage>', 'before the second bind, the first socket accepts a connection and is closed: active (connection open), time-wait (connection closed after a graceful disconnect), expired (240 s later)').choices([...MATRIX_LINGERING]).default('none'))
    .option('--json', 'print the cells with their rule ids and sources as JSON')
    .addHelpText('after', `\nRows are the SECOND bind, columns the FIRST bind.\nExit status: 0 printed, 1 the simulator could not set up a cell, 2 bad arguments.`)
    .action((opts: { profile: ProfileName; family: MatrixFamily; owners: 'same' | 'different'; sd: 'default' | 'allow'; policy: PolicyPresetName; lingering: MatrixLingering; json?: boolean }) => {
      const o: MatrixOptions = {
        profile: opts.profile, family: opts.family, owners: opts.owners, sd: opts.sd, ...(opts.policy !== 'strict' ? { policy: opts.policy } : {}),
        ...(opts.lingering !== 'none' ? { lingering: opts.lingering } : {}),
      };
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
