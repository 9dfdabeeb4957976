/**
 * The runner's comparison is tested like the provider: vectors whose expectations are written from the spec pass,
 * and every `expect` field planted with a wrong value makes the vector FAIL with a message naming that field.
 */
import { parseVectorFile } from '../../src/vectors/reader';
import { runVector } from '../../src/vectors/runner';

type Json = Record<string, unknown>;

const cc = (n: number): string => 'cc'.repeat(n);

// x64: sizeof(IRP) 208, IoStatus at 48: Status (4 bytes), the untouched upper half of the union (4), Information (8).
const IO_STATUS_GET_OK = `00000000${cc(4)}0400000000000000`;

/** POLICY.md "Results": a Get of SO_EXCLUSIVEADDRUSE (default 0) writes 4 bytes; IRP {STATUS_SUCCESS, 4}. */
const GET_INLINE: Json = {
  id: 'get-inline', arch: 'x64',
  steps: [
    { op: 'socket', as: 's1', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' },
    {
      op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_EXCLUSIVEADDRUSE', level: 'SOL_SOCKET',
      outputSize: 4, output: { length: 8, fill: 'cc' }, outputSizeReturned: null, irp: { fill: 'cc' },
      expect: {
        status: 'STATUS_SUCCESS', output: `00000000${cc(4)}`, outputSizeReturned: null,
        irp: { completed: true, status: 'STATUS_SUCCESS', information: 4, ioStatus: IO_STATUS_GET_OK, bytes: `${cc(48)}${IO_STATUS_GET_OK}${cc(208 - 64)}` },
        rule: 'get-success',
      },
    },
  ],
};

/** lenient ignores an OutputSizeReturned given to a Set and leaves it untouched (POLICY.md presets, check 10). */
const SET_LENIENT_OSR: Json = {
  id: 'set-lenient-osr', arch: 'x64', policy: 'lenient',
  steps: [
    { op: 'socket', as: 's1', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' },
    {
      op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'SO_REUSEADDR', level: 'SOL_SOCKET',
      inputSize: 4, input: '01000000', outputSizeReturned: { length: 8, fill: 'cc' }, irp: { fill: 'cc' },
      expect: { status: 'STATUS_SUCCESS', outputSizeReturned: cc(8), irp: { completed: true, status: 'STATUS_SUCCESS', information: 0 } },
    },
  ],
};

/** BIND-RULES "wsk" table: an SO_EXCLUSIVEADDRUSE wildcard bind first, a plain wildcard bind second: INUSE. */
const BIND_CONFLICT: Json = {
  id: 'bind-conflict', arch: 'x64',
  steps: [
    { op: 'socket', as: 's1', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' },
    { op: 'control', socket: 's1', requestType: 'WskSetOption', controlCode: 'SO_EXCLUSIVEADDRUSE', level: 'SOL_SOCKET', inputSize: 4, input: '01000000', irp: { fill: '00' } },
    { op: 'bind', socket: 's1', address: '0.0.0.0:5150', irp: { fill: '00' } },
    { op: 'socket', as: 's2', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' },
    {
      op: 'bind', socket: 's2', address: '0.0.0.0:5150', irp: { fill: '00' },
      expect: {
        status: 'STATUS_ADDRESS_ALREADY_EXISTS', irp: { completed: true, status: 'STATUS_ADDRESS_ALREADY_EXISTS', information: 0 },
        rule: 'wsk:E-W/D-W', conflictsWith: 's1', wsaError: 'WSAEADDRINUSE',
      },
    },
  ],
};

/** POLICY.md "Results": pending completion returns STATUS_PENDING; the complete step completes the IRP. */
const PENDING: Json = {
  id: 'pending', arch: 'x86', completion: 'pending',
  steps: [
    { op: 'socket', as: 's1', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' },
    {
      op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_REUSEADDR', level: 'SOL_SOCKET',
      outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' },
      expect: { status: 'STATUS_PENDING', output: cc(4), irp: 'untouched' },
    },
    {
      op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_EXCLUSIVEADDRUSE', level: 'SOL_SOCKET',
      outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' },
      expect: { status: 'STATUS_PENDING', irp: { completed: false } },
    },
    {
      op: 'complete',
      expect: { irps: [{ completed: true, status: 'STATUS_SUCCESS', information: 4 }, { completed: true, status: 'STATUS_SUCCESS', information: 4 }] },
    },
  ],
};

function run(vector: Json): ReturnType<typeof runVector> {
  const file = parseVectorFile(JSON.stringify({ format: 'wsksim/vectors@1', vectors: [vector] }), 'runner-expectations');
  return runVector(file.vectors[0]!, 'runner-expectations');
}

/** A copy of `vector` with `edit` applied to the expect object of step `step`. */
function planted(vector: Json, step: number, edit: (e: Json) => void): Json {
  const copy = structuredClone(vector);
  const steps = copy.steps as Json[];
  const e = (steps[step]!.expect ?? (steps[step]!.expect = {})) as Json;
  edit(e);
  return copy;
}

const irpOf = (e: Json): Json => e.irp as Json;

describe('vectors written from the spec pass', () => {
  it.each([GET_INLINE, SET_LENIENT_OSR, BIND_CONFLICT, PENDING])('$id', (v) => {
    const r = run(v);
    expect(r.mismatch).toBeUndefined();
    expect(r.passed).toBe(true);
  });
});

describe('every wrong expectation fails the vector, naming the field', () => {
  const cases: [string, Json, number, (e: Json) => void, RegExp][] = [
    ['status', GET_INLINE, 1, (e) => { e.status = 'STATUS_INVALID_PARAMETER'; }, /^status: expected STATUS_INVALID_PARAMETER/],
    ['fault where there is none', GET_INLINE, 1, (e) => { delete e.status; e.fault = 'InvalidSocket'; }, /^expected fault InvalidSocket, got STATUS_SUCCESS/],
    ['output byte', GET_INLINE, 1, (e) => { e.output = `00000001${cc(4)}`; }, /^output differs at offset 3/],
    ['output length', GET_INLINE, 1, (e) => { e.output = '00000000'; }, /^output differs at offset 4 \(expected 4 bytes, got 8\)/],
    ['output NULL', GET_INLINE, 1, (e) => { e.output = null; }, /^output: expected a NULL OutputBuffer argument/],
    ['outputSizeReturned given', GET_INLINE, 1, (e) => { e.outputSizeReturned = '0400000000000000'; }, /^outputSizeReturned: the step passed NULL/],
    ['outputSizeReturned bytes', SET_LENIENT_OSR, 1, (e) => { e.outputSizeReturned = `04${cc(7)}`; }, /^outputSizeReturned differs at offset 0/],
    ['outputSizeReturned NULL', SET_LENIENT_OSR, 1, (e) => { e.outputSizeReturned = null; }, /^outputSizeReturned: expected a NULL argument/],
    ['irp.completed', GET_INLINE, 1, (e) => { irpOf(e).completed = false; }, /^irp\.completed: expected false, the IRP was completed/],
    ['irp.status', GET_INLINE, 1, (e) => { irpOf(e).status = 'STATUS_PENDING'; }, /^irp\.status: expected STATUS_PENDING/],
    ['irp.information without ioStatus or bytes', GET_INLINE, 1, (e) => { e.irp = { completed: true, status: 'STATUS_SUCCESS', information: 0 }; }, /^irp\.information: expected 0, IoStatus\.Information is 4/],
    ['irp.information (Set, Information 0)', SET_LENIENT_OSR, 1, (e) => { irpOf(e).information = 4; }, /^irp\.information: expected 4, IoStatus\.Information is 0/],
    ['irp.ioStatus', GET_INLINE, 1, (e) => { irpOf(e).ioStatus = `00000000${cc(4)}0500000000000000`; }, /^irp\.ioStatus differs at offset 8/],
    ['irp.bytes', GET_INLINE, 1, (e) => { irpOf(e).bytes = `${cc(48)}${IO_STATUS_GET_OK}${cc(143)}00`; }, /^irp\.bytes differs at offset 207/],
    ['irp untouched', GET_INLINE, 1, (e) => { e.irp = 'untouched'; }, /^irp \(expected untouched\) differs at offset 48/],
    ['rule', GET_INLINE, 1, (e) => { e.rule = 'get-output-size'; }, /^rule: expected get-output-size, decided by get-success/],
    ['status of a refused bind', BIND_CONFLICT, 4, (e) => { e.status = 'STATUS_ACCESS_DENIED'; }, /^status: expected STATUS_ACCESS_DENIED/],
    ['rule of a sharing cell', BIND_CONFLICT, 4, (e) => { e.rule = 'wsk:E-W/D-S'; }, /^rule: expected wsk:E-W\/D-S, decided by wsk:E-W\/D-W/],
    ['conflictsWith another socket', BIND_CONFLICT, 4, (e) => { e.conflictsWith = 's2'; }, /^conflictsWith: expected s2, got s1/],
    ['conflictsWith none', BIND_CONFLICT, 4, (e) => { e.conflictsWith = 'none'; }, /^conflictsWith: expected none, got s1/],
    ['wsaError', BIND_CONFLICT, 4, (e) => { e.wsaError = 'WSAEACCES'; }, /^wsaError: expected WSAEACCES, got WSAEADDRINUSE/],
    ['irp untouched under pending (written)', PENDING, 3, (e) => { e.irps = [{ completed: true, status: 'STATUS_SUCCESS', information: 4 }]; }, /^irps: expected 1 completion\(s\), the step completed 2/],
    ['irps: more than completed', PENDING, 3, (e) => { e.irps = [...(e.irps as Json[]), { completed: true }]; }, /^irps: expected 3 completion\(s\), the step completed 2/],
    ['irps[i].information', PENDING, 3, (e) => { (e.irps as Json[])[1]!.information = 0; }, /^irps\[1\]\.information: expected 0, IoStatus\.Information is 4/],
    ['irps[i].status', PENDING, 3, (e) => { (e.irps as Json[])[0]!.status = 'STATUS_CANCELLED'; }, /^irps\[0\]\.status: expected STATUS_CANCELLED/],
    ['pending irp.completed', PENDING, 2, (e) => { irpOf(e).completed = true; }, /^irp\.completed: expected true, the IRP was not completed/],
    ['pending output written early', PENDING, 1, (e) => { e.output = `00${cc(3)}`; }, /^output differs at offset 0/],
  ];
  it.each(cases)('%s', (_name, vector, step, edit, message) => {
    const r = run(planted(vector, step, edit));
    expect(r.passed).toBe(false);
    expect(r.mismatch?.step).toBe(step);
    expect(r.mismatch?.message).toMatch(message);
  });
});

describe('faults', () => {
  const faulting = (expectField: Json | undefined): Json => ({
    id: 'fault', arch: 'x64',
    steps: [
      { op: 'socket', as: 's1', family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP', flags: 'WSK_FLAG_LISTEN_SOCKET' },
      // OutputSize 4 over a 2-byte buffer: fault OutputBufferOverrun (POLICY.md check 2), nothing written.
      {
        op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_EXCLUSIVEADDRUSE', level: 'SOL_SOCKET',
        outputSize: 4, output: { length: 2, fill: 'cc' }, irp: { fill: 'cc' }, ...(expectField === undefined ? {} : { expect: expectField }),
      },
    ],
  });
  it('a fault in a step without expect fails the vector', () => {
    const r = run(faulting(undefined));
    expect(r.passed).toBe(false);
    expect(r.mismatch?.message).toMatch(/^unexpected fault OutputBufferOverrun \(rule buffers-cover-sizes\)/);
  });
  it('a fault in a step whose expect has no fault fails the vector', () => {
    expect(run(faulting({ output: cc(2) })).mismatch?.message).toMatch(/^unexpected fault OutputBufferOverrun/);
  });
  it('the expected fault passes; another fault name fails', () => {
    expect(run(faulting({ fault: 'OutputBufferOverrun', output: cc(2), irp: 'untouched' })).passed).toBe(true);
    expect(run(faulting({ fault: 'IrpOverrun' })).mismatch?.message).toMatch(/^expected fault IrpOverrun, got fault OutputBufferOverrun/);
  });
});
