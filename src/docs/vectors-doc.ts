/**
 * docs/VECTORS.md: the `wsksim/vectors@1` format. The prose is this project's; the lists (presets, profiles, faults)
 * come from abi/, and whether each optional feature is implemented is asked of the reader itself.
 */
import { FAULT_NAMES, POLICY_PRESETS } from '../../abi/policy';
import { SHARING_PROFILES } from '../../abi/sharing-rules';
import { parseVectorFile } from '../vectors/reader';
import { VECTOR_FORMAT } from '../vectors/types';
import { anchor, generatedBanner } from './markdown';

/** Does this version's reader accept a vector with these defaults and this one step? */
function readerAccepts(step: object, vector: object = {}): boolean {
  const doc = { format: VECTOR_FORMAT, vectors: [{ id: 'probe', ...vector, steps: [{ op: 'socket', as: 's', family: 'AF_INET', type: 'SOCK_STREAM', flags: 'WSK_FLAG_LISTEN_SOCKET' }, step] }] };
  try {
    parseVectorFile(JSON.stringify(doc), 'probe.json');
    return true;
  } catch {
    return false;
  }
}

function status(ok: boolean): string {
  return ok ? 'implemented' : '**not yet implemented** (this version\'s reader rejects it)';
}

const CONNECTION_OPS: readonly { op: string; probe: object; fields: string; what: string }[] = [
  { op: 'listen', probe: { op: 'listen', socket: 's', irp: { fill: '00' } }, fields: '`socket`, `irp`', what: 'WskListen on a stream socket' },
  { op: 'connect', probe: { op: 'connect', socket: 's', address: '127.0.0.1:5150', irp: { fill: '00' } }, fields: '`socket`, `address`, `flags`, `irp`', what: 'WskConnect; `expect.listener` names the listening socket the connection reached (`null`: a remote listener, or none)' },
  { op: 'socketConnect', probe: { op: 'socketConnect', as: 'c', localAddress: '0.0.0.0:0', remoteAddress: '127.0.0.1:5150', irp: { fill: '00' } }, fields: '`as`, `type` (default SOCK_STREAM), `protocol`, `localAddress`, `remoteAddress`, `flags`, `owner`, `securityDescriptor`, `irp`', what: 'WskSocketConnect (this project\'s extension): names the new socket `as`; `expect.listener` as for `connect`' },
  { op: 'incoming', probe: { op: 'incoming', from: '10.0.0.9:40000', to: '127.0.0.1:5150' }, fields: '`from`, `to` (text forms)', what: 'harness: a remote peer connects to a local address; `expect.listener` names the listener it was routed to, or `null` when refused; `expect.completedIrps` the WskAccept IRPs it completed' },
  { op: 'accept', probe: { op: 'accept', socket: 's', as: 'a1', irp: { fill: '00' } }, fields: '`socket`, `as`, `flags`, `localAddress`, `remoteAddress` (caller buffers), `irp`', what: 'WskAccept: takes the oldest routed connection and names the new socket `as` when its IRP completes; pends when none waits; `expect.localAddress` / `expect.remoteAddress` are the whole buffers after the call' },
  { op: 'disconnect', probe: { op: 'disconnect', socket: 's', flags: 0, irp: { fill: '00' } }, fields: '`socket`, `buffer` (PWSK_BUF pointer value, default 0 = NULL), `flags`, `irp`', what: 'WskDisconnect (graceful, or abortive with WSK_FLAG_ABORTIVE)' },
  { op: 'peerClose', probe: { op: 'peerClose', socket: 's' }, fields: '`socket`', what: 'harness: the remote side closes first' },
  { op: 'advanceTime', probe: { op: 'advanceTime', seconds: 240 }, fields: '`seconds`', what: 'moves simulated time; lingering endpoints whose time is up are released (`expect.released` counts them)' },
  { op: 'localAddress', probe: { op: 'localAddress', socket: 's', output: { length: 28, fill: 'cc' }, irp: { fill: '00' } }, fields: '`socket`, `output`, `irp`', what: 'WskGetLocalAddress into a caller buffer (`expect.output`)' },
  { op: 'remoteAddress', probe: { op: 'remoteAddress', socket: 's', output: { length: 28, fill: 'cc' }, irp: { fill: '00' } }, fields: '`socket`, `output`, `irp`', what: 'WskGetRemoteAddress into a caller buffer (`expect.output`)' },
  { op: 'remote', probe: { op: 'remote', listen: '10.0.0.9:80' }, fields: '`listen`', what: 'harness: declares a remote listener that `connect` to a non-local address reaches' },
];

/** Render docs/VECTORS.md. */
export function renderVectors(): string {
  const presets = Object.keys(POLICY_PRESETS);
  const profiles = Object.keys(SHARING_PROFILES);
  const windows = readerAccepts({ op: 'close', socket: 's' }, { policy: 'windows' });
  const lint = readerAccepts({ op: 'close', socket: 's', expect: { lint: [] } });
  let md = generatedBanner('src/docs/vectors-doc.ts, abi/policy.ts and abi/sharing-rules.ts');
  md += `# The vector format \`${VECTOR_FORMAT}\`

A vector file is JSON that describes calls into a simulated WSK provider, byte for byte, and what each call must
produce. It is the project's language-neutral test interface: a C test driver on Windows, an emulator or this
project's own tests can all produce or consume the same files. \`wsksim run FILE...\` replays them, \`wsksim explain\`
shows each step, \`wsksim record\` fills in the expectations of a steps file from the simulator.

A reader must reject an unknown \`format\` and an unknown step \`op\` with an error naming the file, the vector id and
the step index. This reader also rejects unknown fields (a misspelt field would otherwise make a vector assert
nothing), except annotations: \`comment\`, \`note\`, \`description\`, \`source\` and any field starting with \`x-\`.

## ${anchor('file')}File

\`\`\`json
{
  "format": "${VECTOR_FORMAT}",
  "title": "free text",
  "defaults": { "arch": "x64", "profile": "wsk", "policy": "strict", "completion": "inline" },
  "vectors": [ ... ]
}
\`\`\`

\`defaults\` is optional, and so is each of its keys; the values shown are the fallbacks. \`"recorded": true\` marks a
file written by \`wsksim record\`.

## ${anchor('vector')}Vector

| field | values | meaning |
|---|---|---|
| \`id\` | string, unique in the file | names the vector in every report |
| \`source\` | free text | where the expectation comes from (a document page, a header, a measurement) |
| \`arch\` | \`x86\`, \`x64\` | the data model: SIZE_T, pointers and ULONG_PTR are 4 or 8 bytes; sizeof(IRP) 112 or 208 |
| \`profile\` | ${profiles.map((p) => `\`${p}\``).join(', ')} | the address-sharing tables ([SHARING.md](SHARING.md)) |
| \`policy\` | ${presets.map((p) => `\`${p}\``).join(', ')} | the preset ([POLICY.md](POLICY.md#presets-table)) |
| \`completion\` | \`inline\`, \`pending\` | IRP-based calls complete before returning, or return \`STATUS_PENDING\` and complete at a \`complete\` step |
| \`steps\` | non-empty array | the calls, in order |

Every vector runs on a fresh provider; nothing is shared between vectors. \`"policy": "windows"\`: ${status(windows)}.

## ${anchor('values')}Values

- **Numbers** (codes, levels, sizes, flags, statuses): a JSON number, a \`"0x…"\` or decimal string (a string is
  needed for 64-bit SIZE_T values above 2^53), or a constant name the ABI tables know (\`"SO_REUSEADDR"\`,
  \`"SOL_SOCKET"\`, \`"WskGetOption"\`, \`"STATUS_SUCCESS"\`); flags also as \`"WSK_FLAG_A|WSK_FLAG_B"\`. A 32-bit
  field accepts its signed spelling (\`-5\` for SO_EXCLUSIVEADDRUSE).
- **Bytes**: a hex string, spaces ignored. \`null\` and \`""\` both mean a NULL pointer (a zero-length buffer is NULL at
  this ABI).
- **Caller buffers the provider may write** (output, \`OutputSizeReturned\`, IRP): \`{ "length": 8, "fill": "cc" }\` or
  \`{ "bytes": "hex" }\`. An \`OutputSizeReturned\` buffer defaults to sizeof(SIZE_T) bytes, an IRP to sizeof(IRP).
- **Addresses**: text forms \`"127.0.0.1:5150"\`, \`"0.0.0.0:0"\`, \`"[::]:5150"\`, \`"[::ffff:127.0.0.1]:5150"\`,
  \`"[fe80::1%4]:5150"\`, encoded as C code fills SOCKADDR_IN / SOCKADDR_IN6 (family little-endian, port and address in
  network order, padding zero); or \`{ "bytes": "hex", "size": N }\` for an exact image and a length that may disagree.

## ${anchor('steps')}Steps

Each step has an \`op\`. Names given with \`as\` are visible to the later steps of the vector. A step without
\`expect\` must merely not fault.

| op | call | fields |
|---|---|---|
| \`socket\` | WskSocket (completes synchronously; its IRP is not modelled) | \`as\`, \`family\`, \`type\`, \`protocol\`, \`flags\`, \`owner\` (principal, default \`system\`), \`securityDescriptor\` (a \`cacheSd\` name) |
| \`control\` | WskControlSocket | \`socket\`, \`requestType\`, \`controlCode\`, \`level\`, \`inputSize\`, \`input\`, \`outputSize\`, \`output\`, \`outputSizeReturned\`, \`irp\` |
| \`bind\` | WskBind | \`socket\`, \`address\`, \`flags\`, \`irp\` |
| \`close\` | WskCloseSocket | \`socket\`, \`irp\` |
| \`cacheSd\` / \`releaseSd\` | WskControlClient WSK_CACHE_SD / WSK_RELEASE_SD | \`as\` and \`allow\` (principals the descriptor lets share) / \`sd\` |
| \`complete\` | deliver every pending IRP completion, in submission order | — |

Sizes (\`inputSize\`, \`outputSize\`) are the SIZE_T arguments exactly as passed and may disagree with the buffers:
that is how negative vectors and fault vectors are written. An omitted \`irp\` is NULL.

### ${anchor('extensions')}This project's extensions

| op | fields | effect |
|---|---|---|
| \`controlClient\` | \`controlCode\`, \`inputSize\`, \`input\`, \`outputSize\`, \`output\`, \`outputSizeReturned\`, \`irp\` | WskControlClient, with the buffer and \`expect\` forms of \`control\` |
| \`forceClose\` | \`socket\` | harness: puts the socket in the forced-closed state (check 3) |
| \`setAddressList\` | \`family\`, \`addresses\` (text forms) | harness: replaces the host's address list of a family; completes that family's waiting SIO_ADDRESS_LIST_CHANGE IRPs |
| \`callbackInProgress\` | \`socket\`, \`event\` (a WSK_EVENT_* name or value), \`inProgress\` | harness: marks an event callback as running, or as returned (which completes a waiting disable) |
| \`sdImage\` | \`allow\` | harness: registers a security descriptor image; the k-th has pointer value 0x5D000000 + 0x10·k, to pass to WSK_CACHE_SD |
| \`setRedirectData\` | \`socket\`, \`which\` (\`records\` / \`context\`), \`bytes\` | harness: the WFP redirect data the query IOCTLs return |

## ${anchor('expect')}Expectations

| field | asserts |
|---|---|
| \`status\` | the function's return value |
| \`fault\` | the call is a fault (below) instead of a status |
| \`output\`, \`outputSizeReturned\` | the **whole** buffer after the call, untouched fill bytes included; \`null\` asserts the argument was NULL |
| \`irp\` | \`"untouched"\` (byte-identical), or \`{ completed, status, information, ioStatus, bytes }\`: completed before the step ended, IoStatus.Status and .Information, the IO_STATUS_BLOCK image inside the IRP, the whole IRP image |
| \`irps\` | the IRPs completed during the step, in order (a \`complete\` step, a close that cancels pending IRPs, a harness step that completes waiting ones) |
| \`rule\` | the identifier that decided: a check, a policy entry ([POLICY.md](POLICY.md)) or a sharing cell ([SHARING.md](SHARING.md)) |
| \`conflictsWith\` | the already-bound socket whose binding refused a bind |
| \`wsaError\` | the Winsock error equivalent of a sharing refusal |
| \`lint\` | ${anchor('lint')}the exact list of deviations the call recorded ([POLICY.md](POLICY.md#deviations)), in order; \`[]\` asserts none. Status: ${status(lint)} |

With \`completion: "pending"\` a call that passes the synchronous checks returns \`STATUS_PENDING\` with
\`irp.completed\` false; a later \`complete\` step delivers the completions and asserts them with \`irps\`.

## ${anchor('faults')}Faults

A call that breaks the ABI where C cannot notice (a buffer shorter than its declared size, an \`OutputSizeReturned\`
shorter than sizeof(SIZE_T), an IRP shorter than sizeof(IRP), a function missing from the socket's dispatch table, a
socket used after close) would corrupt memory or crash on Windows. The simulator reports it as a **fault**, changes
nothing, and a vector asserts it with \`"expect": { "fault": "…" }\`. Names: ${FAULT_NAMES.map((f) => `\`${f}\``).join(', ')}.

## ${anchor('connections')}Connection ops

The format reserves these ops for a connection's life, modelled as state (no data is transferred). Their meaning is
fixed in [POLICY.md](POLICY.md); whether this version implements each is stated per op.

| op | fields | what | status |
|---|---|---|---|
`;
  for (const c of CONNECTION_OPS) md += `| \`${c.op}\` | ${c.fields} | ${c.what} | ${status(readerAccepts(c.probe))} |\n`;
  md += `
Their expectations: \`status\`, \`irp\`, \`rule\`, \`lint\` as for any call; \`listener\` (connect, socketConnect,
incoming); \`localAddress\`, \`remoteAddress\` (accept); \`output\` (localAddress, remoteAddress); \`completedIrps\` (an alias
of \`irps\`: the IRPs completed during the step, in order); \`released\` (advanceTime). Under \`completion: "pending"\`
the calls return \`STATUS_PENDING\` and act at the next \`complete\` (WskConnect on an unbound socket is refused at the
call, as measured on Windows); a WskAccept that finds no connection then keeps waiting for one. A bind refused by a
closed exclusive listener's reservation reports rule \`connection-exclusive-reservation\` with \`conflictsWith\` the
closed listener, and \`wsksim explain\` says which connections still hold it.
`;
  md += `
## ${anchor('results')}Results of \`wsksim run\`

One line per vector (\`PASS id\`, or \`FAIL id\` with the first difference as hex, the differing offset bracketed, and
the rule that decided), then \`N passed, N failed\`; exit status 0 only when nothing failed, 1 when a vector failed,
2 when a file is malformed (one line naming the file, vector and step). \`--json\` prints a machine-readable report.
A directory's \`known-failures.txt\` lists vectors that must still fail (documented disagreements).
`;
  return md;
}
