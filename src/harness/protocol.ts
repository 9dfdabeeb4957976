/**
 * Constants of the wsksim wire protocol, version 1 (docs/PROTOCOL.md): frame types, argument kinds, error codes
 * and limits.
 */

/** Protocol version this server speaks. */
export const PROTOCOL_VERSION = 1;

/** HELLO magic: the bytes "WSKS" read as a little-endian u32. */
export const HELLO_MAGIC = 0x534b5357;

/** Size of the frame header: u32 length, u16 type, u16 reserved, u32 seq. */
export const FRAME_HEADER = 12;

/** Largest value of a frame's length field (bytes after it): 64 MiB + 64. */
export const MAX_FRAME_LENGTH = 0x04000040;

/** Default largest BUFFER argument the server accepts (announced in WELCOME). */
export const DEFAULT_MAX_BUFFER = 0x01000000;

/** Largest number of arguments of a CALL. */
export const MAX_ARGUMENTS = 16;

/** Frame types. */
export const FRAME = {
  HELLO: 0x0001,
  WELCOME: 0x0002,
  ERROR: 0x0003,
  CALL: 0x0010,
  RESULT: 0x0011,
  DELIVER: 0x0012,
  DELIVERED: 0x0013,
  COMPLETION: 0x0020,
  BYE: 0x0030,
  ECHO: 0x0040,
  EVENT: 0x0050,
  EVENT_DONE: 0x0051,
} as const;

/** Name of a frame type, for messages. */
export function frameTypeName(type: number): string {
  for (const [k, v] of Object.entries(FRAME)) if (v === type) return k;
  return `0x${type.toString(16).padStart(4, '0')}`;
}

/** Argument kinds of a CALL. */
export const ARG = {
  VALUE: 1,
  SOCKET: 2,
  NULL: 3,
  BUFFER: 4,
  IRP: 5,
  OVERSIZE: 6,
} as const;

/** Harness events of an EVENT frame: what happens on the network side of the provider. */
export const EVENT = {
  /** A remote peer connects: From SOCKADDR, To SOCKADDR; value = the listening socket it was routed to, 0 = refused. */
  INCOMING: 1,
  /** The remote peer of a connected socket closes first: Socket. */
  PEER_CLOSE: 2,
  /** Simulated time moves on: Seconds; value = the simulated time after it, in seconds. */
  ADVANCE_TIME: 3,
  /** A remote listener exists at an address (non-local connects reach it): Address SOCKADDR. */
  REMOTE_LISTENER: 4,
} as const;

/** ERROR codes. */
export const ERROR_CODE = {
  FRAME: 1,
  TYPE: 2,
  VERSION: 3,
  SEQUENCE: 4,
  ARGUMENTS: 5,
  FUNCTION: 6,
  OVERSIZE: 7,
  INTERNAL: 8,
} as const;

/** A violation of the protocol by the client: answered with an ERROR frame, then the session ends. */
export class ProtocolError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    Object.defineProperty(this, 'name', { value: 'ProtocolError', enumerable: false, configurable: true });
  }
}
