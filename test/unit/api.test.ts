/**
 * The library entry point (src/index.ts): the docs/API.md example works through the public exports only.
 */
import * as api from '../../src/index';

describe('public API', () => {
  it('exports the documented entry points', () => {
    for (const name of [
      'WskProvider', 'Fault', 'isFault', 'faultName', 'resultName', 'STATUS', 'CODE', 'LEVEL', 'AF', 'SOCK', 'PROTO',
      'WSK_FLAG', 'REQUEST', 'statusName', 'constantValue', 'LAYOUTS', 'layoutOf', 'encodeSockaddrText',
      'parseVectorFile', 'loadVectorFile', 'runVector', 'runSuite', 'parseKnownFailures', 'recordVectors',
      'describeRule', 'CONTROL_CHECKS', 'POLICY_ENTRIES', 'OPTION_ROWS', 'AbiUsageError', 'VectorFormatError',
    ]) expect(api).toHaveProperty(name);
  });

  it('the docs/API.md example: a Get of SO_EXCLUSIVEADDRUSE writes 4 bytes and completes the IRP with {0, 4}', () => {
    const { WskProvider, AF, SOCK, PROTO, WSK_FLAG, REQUEST, CODE, LEVEL, LAYOUTS, resultName, isFault, describeRule } = api;
    const p = new WskProvider({ arch: 'x64' });
    const { socket } = p.wskSocket({ family: AF.AF_INET, type: SOCK.SOCK_STREAM, protocol: PROTO.IPPROTO_TCP, flags: WSK_FLAG.WSK_FLAG_LISTEN_SOCKET });
    const output = Buffer.alloc(8, 0xcc);
    const irp = Buffer.alloc(LAYOUTS.x64.sizeofIrp, 0xcc);
    const r = p.wskControlSocket(socket, REQUEST.WskGetOption, CODE.SO_EXCLUSIVEADDRUSE, LEVEL.SOL_SOCKET, 0, null, 4, output, null, irp);
    expect([resultName(r), isFault(r), output.toString('hex')]).toEqual(['STATUS_SUCCESS', false, '00000000cccccccc']);
    // IoStatus at 48: Status 00000000, upper union half untouched, Information 4 as a ULONG_PTR.
    expect(irp.subarray(48, 64).toString('hex')).toBe('00000000cccccccc0400000000000000');
    expect(describeRule(p.reason.rule).id).toBe('get-success');
  });

  it('record -> parse -> run -> suite through the exports', () => {
    const script = JSON.stringify({ format: 'wsksim/vectors@1', vectors: [{ id: 'demo', steps: [
      { op: 'socket', as: 's1', family: 'AF_INET', type: 'SOCK_STREAM', flags: 'WSK_FLAG_LISTEN_SOCKET' },
      { op: 'control', socket: 's1', requestType: 'WskGetOption', controlCode: 'SO_REUSEADDR', level: 'SOL_SOCKET', outputSize: 4, output: { length: 4, fill: 'cc' }, irp: { fill: 'cc' } },
    ] }] });
    const file = api.parseVectorFile(api.recordVectors(script, 'demo.json').text, 'demo.json');
    expect(api.runVector(file.vectors[0]!).passed).toBe(true);
    const s = api.runSuite([file], api.parseKnownFailures('demo # listed\n'));
    expect([s.passed, s.failed, s.outcomes[0]!.outcome]).toEqual([0, 1, 'xpass']);
  });
});
