/**
 * The worked example of docs/PROTOCOL.md, byte for byte: the client frames of the document are fed to a session
 * and every frame the server sends must equal the document's next block.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InProcessTransport } from './protocol-client';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'PROTOCOL.md'), 'utf8');

/** The hex of one block: leading 2-digit hex tokens of each line (`cc ×208` repeats the byte), comments dropped. */
function blockBytes(block: string): Buffer {
  const out: number[] = [];
  for (const line of block.split('\n')) {
    for (const tok of line.trim().split(/\s+/)) {
      if (/^[0-9a-f]{2}$/.test(tok)) out.push(parseInt(tok, 16));
      else if (/^×\d+$/.test(tok)) { const n = Number(tok.slice(1)); const b = out.pop()!; for (let i = 0; i < n; i++) out.push(b); }
      else break;
    }
  }
  return Buffer.from(out);
}

function blocks(section: string): Buffer[] {
  return [...section.matchAll(/```\n([\s\S]*?)```/g)].map((m) => blockBytes(m[1]!));
}

const inline = doc.slice(doc.indexOf('## Worked example'), doc.indexOf('### The same Set under'));
const pending = doc.slice(doc.indexOf('### The same Set under'), doc.indexOf('### Accepting a connection'));
const accepting = doc.slice(doc.indexOf('### Accepting a connection'), doc.indexOf('## Implementing a client'));

describe('docs/PROTOCOL.md worked example', () => {
  const [hello, welcome, socketCall, socketResult, setCall, setResult, bye] = blocks(inline);

  it('has the seven frames, each with a length field matching its size', () => {
    for (const b of [hello, welcome, socketCall, socketResult, setCall, setResult, bye]) {
      expect(b).toBeDefined();
      expect(b!.readUInt32LE(0)).toBe(b!.length - 4);
    }
  });

  it('is what the server answers (inline)', () => {
    const t = new InProcessTransport({ profile: 'wsk', policy: 'strict', completion: 'inline' });
    t.write(hello!);
    t.write(socketCall!);
    t.write(setCall!);
    t.write(bye!);
    expect(t.received.map((f) => f.bytes.toString('hex'))).toEqual([welcome, socketResult, setResult].map((b) => b!.toString('hex')));
    expect(t.session.state).toBe('closed');
    expect(t.session.byeStatus).toBe(0);
  });

  it('is what the server answers (pending), COMPLETION carrying the inline RESULT body under seq 3', () => {
    const [pendingResult, deliverAndAnswers] = blocks(pending);
    const deliver = deliverAndAnswers!.subarray(0, 12);
    const delivered = deliverAndAnswers!.subarray(deliverAndAnswers!.length - 16);
    const completion = Buffer.from(setResult!);
    completion.writeUInt16LE(0x20, 4);
    const t = new InProcessTransport({ profile: 'wsk', policy: 'strict', completion: 'pending' });
    t.write(hello!);
    t.write(socketCall!);
    t.write(setCall!);
    t.write(deliver);
    const byeSeq5 = Buffer.from(bye!);
    byeSeq5.writeUInt32LE(5, 8);
    t.write(byeSeq5);
    const pendingWelcome = Buffer.concat([welcome!.subarray(0, 29), Buffer.from('0700', 'hex'), Buffer.from('pending'), welcome!.subarray(welcome!.length - 4)]);
    pendingWelcome.writeUInt32LE(pendingWelcome.length - 4, 0);
    expect(pendingWelcome.readUInt32LE(0)).toBe(38);
    expect(t.received.map((f) => f.bytes.toString('hex'))).toEqual(
      [pendingWelcome, socketResult!, pendingResult!, completion, delivered].map((b) => b.toString('hex')));
  });

  it('continues with a WskAccept that pends and a harness event that completes it (inline): the COMPLETION names socket 2', () => {
    const [bindCall, bindResult, acceptCall, acceptResult, event, completion, eventDone] = blocks(accepting);
    for (const b of [bindCall, bindResult, acceptCall, acceptResult, event, completion, eventDone]) {
      expect(b).toBeDefined();
      expect(b!.readUInt32LE(0)).toBe(b!.length - 4);
    }
    const t = new InProcessTransport({ profile: 'wsk', policy: 'strict', completion: 'inline' });
    for (const f of [hello!, socketCall!, setCall!, bindCall!, acceptCall!, event!]) t.write(f);
    const bye7 = Buffer.from(bye!);
    bye7.writeUInt32LE(7, 8);
    t.write(bye7);
    expect(t.received.map((f) => f.bytes.toString('hex'))).toEqual(
      [welcome!, socketResult!, setResult!, bindResult!, acceptResult!, completion!, eventDone!].map((b) => b.toString('hex')));
    expect(t.session.state).toBe('closed');
  });
});
