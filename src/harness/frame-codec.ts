/**
 * Frame codec of the wire protocol (docs/PROTOCOL.md "Frame"): a reader that cuts a byte stream into frames and a
 * writer that builds frames, both working in buffers they reuse, so that a steady conversation allocates no frame
 * buffer per frame.
 */
import { ERROR_CODE, FRAME_HEADER, MAX_FRAME_LENGTH, ProtocolError } from './protocol';

/** One frame as the reader returns it; the object and its payload view are reused by the next call of next(). */
export interface Frame {
  type: number;
  seq: number;
  /** The payload: a view into the reader's buffer, valid until the next push(). */
  payload: Buffer;
}

/** Cuts a byte stream into frames; validates each header as soon as its bytes are there. */
export class FrameReader {
  private buf: Buffer;
  private start = 0;
  private end = 0;
  private readonly frame: Frame = { type: 0, seq: 0, payload: Buffer.alloc(0) };

  constructor(private readonly maxLength = MAX_FRAME_LENGTH, initialSize = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Number of bytes received that do not yet form a whole frame. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Append received bytes (frames returned by next() before this call become invalid). */
  push(chunk: Uint8Array): void {
    const n = chunk.length;
    if (this.end + n > this.buf.length) {
      const live = this.end - this.start;
      if (live + n <= this.buf.length && this.start > 0) {
        this.buf.copy(this.buf, 0, this.start, this.end);
      } else {
        let size = this.buf.length * 2;
        while (size < live + n) size *= 2;
        const nb = Buffer.allocUnsafe(size);
        this.buf.copy(nb, 0, this.start, this.end);
        this.buf = nb;
      }
      this.start = 0;
      this.end = live;
    } else if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
    }
    this.buf.set(chunk, this.end);
    this.end += n;
  }

  /**
   * The next complete frame, or null when more bytes are needed. Throws ProtocolError (FRAME) as soon as a
   * header's length or reserved field is wrong, without waiting for the rest of the frame.
   */
  next(): Frame | null {
    const avail = this.end - this.start;
    if (avail < 4) return null;
    const b = this.buf;
    const s = this.start;
    const length = b.readUInt32LE(s);
    if (length < 8 || length > this.maxLength) {
      throw new ProtocolError(ERROR_CODE.FRAME, `frame length ${length} is outside 8..${this.maxLength} (bytes ${hexPreview(b, s, Math.min(avail, 16))})`);
    }
    if (avail >= 8 && b.readUInt16LE(s + 6) !== 0) throw new ProtocolError(ERROR_CODE.FRAME, `frame reserved field is 0x${b.readUInt16LE(s + 6).toString(16)}, not 0`);
    if (avail < 4 + length) return null;
    const f = this.frame;
    f.type = b.readUInt16LE(s + 4);
    f.seq = b.readUInt32LE(s + 8);
    f.payload = b.subarray(s + FRAME_HEADER, s + 4 + length);
    this.start = s + 4 + length;
    return f;
  }
}

function hexPreview(b: Buffer, at: number, n: number): string {
  return b.subarray(at, at + n).toString('hex').replace(/(..)(?=.)/g, '$1 ');
}

/** Builds frames in one growing buffer; finish() returns a view valid until the next begin(). */
export class FrameWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialSize = 4096) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Start a frame of a type and seq. */
  begin(type: number, seq: number): this {
    this.pos = FRAME_HEADER;
    this.ensure(0);
    const b = this.buf;
    b.writeUInt16LE(type, 4);
    b.writeUInt16LE(0, 6);
    b.writeUInt32LE(seq >>> 0, 8);
    return this;
  }

  /** Current payload length. */
  get payloadLength(): number {
    return this.pos - FRAME_HEADER;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const nb = Buffer.allocUnsafe(size);
    this.buf.copy(nb, 0, 0, this.pos);
    this.buf = nb;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16LE(v, this.pos);
    this.pos += 2;
    return this;
  }

  u32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  /** A u64 from a non-negative number (exact below 2^53) or a bigint. */
  u64(v: number | bigint): this {
    this.ensure(8);
    if (typeof v === 'bigint') {
      this.buf.writeBigUInt64LE(BigInt.asUintN(64, v), this.pos);
    } else {
      this.buf.writeUInt32LE(v >>> 0, this.pos);
      this.buf.writeUInt32LE(Math.floor(v / 0x100000000) >>> 0, this.pos + 4);
    }
    this.pos += 8;
    return this;
  }

  /** A str: u16 byte length, UTF-8 bytes (cut at 65535 bytes). */
  str(s: string): this {
    let n = Buffer.byteLength(s, 'utf8');
    if (n > 0xffff) { s = Buffer.from(s, 'utf8').subarray(0, 0xffff).toString('utf8'); n = Buffer.byteLength(s, 'utf8'); }
    this.ensure(2 + n);
    this.buf.writeUInt16LE(n, this.pos);
    this.buf.write(s, this.pos + 2, n, 'utf8');
    this.pos += 2 + n;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** Position of the next byte (to patch a field later with patchU32). */
  get offset(): number {
    return this.pos;
  }

  /** Overwrite a u32 written earlier at `at`. */
  patchU32(at: number, v: number): void {
    this.buf.writeUInt32LE(v >>> 0, at);
  }

  /** Complete the frame: its length field is set; the view is valid until the next begin(). */
  finish(): Buffer {
    this.buf.writeUInt32LE(this.pos - 4, 0);
    return this.buf.subarray(0, this.pos);
  }
}

/** Reads the fields of one payload in order; every read past its end throws ProtocolError(code). */
export class PayloadReader {
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  end = 0;

  constructor(private readonly code: number = ERROR_CODE.ARGUMENTS) {}

  /** Start reading a payload. */
  reset(payload: Buffer): this {
    this.buf = payload;
    this.pos = 0;
    this.end = payload.length;
    return this;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): void {
    if (this.pos + n > this.end) throw new ProtocolError(this.code, `payload ends inside ${what} (${this.end - this.pos} of ${n} bytes left at offset ${this.pos})`);
  }

  u8(what = 'a u8'): number {
    this.need(1, what);
    return this.buf[this.pos++]!;
  }

  u16(what = 'a u16'): number {
    this.need(2, what);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  u32(what = 'a u32'): number {
    this.need(4, what);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  /** A u64 as a number when below 2^53, else a bigint. */
  u64(what = 'a u64'): number | bigint {
    this.need(8, what);
    const lo = this.buf.readUInt32LE(this.pos);
    const hi = this.buf.readUInt32LE(this.pos + 4);
    this.pos += 8;
    return hi < 0x200000 ? hi * 0x100000000 + lo : (BigInt(hi) << 32n) | BigInt(lo);
  }

  str(what = 'a str'): string {
    const n = this.u16(`the length of ${what}`);
    this.need(n, what);
    const s = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  /** `n` bytes as a view. */
  bytes(n: number, what = 'bytes'): Buffer {
    this.need(n, what);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** Throw unless the payload was read to its end. */
  done(what: string): void {
    if (this.pos !== this.end) throw new ProtocolError(this.code, `${what}: ${this.end - this.pos} byte(s) after the last field`);
  }
}
