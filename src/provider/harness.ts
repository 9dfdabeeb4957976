/**
 * Harness-side state of the provider: the host address list, IRPs waiting for a harness
 * event (SIO_ADDRESS_LIST_CHANGE, a SO_WSK_EVENT_CALLBACK disable while callbacks run), in-progress callbacks,
 * static event callbacks and security-descriptor images for the byte-level WskControlClient.
 */
import { DEFAULT_HOST_ADDRESSES } from '../../abi/options';
import { encodeSockaddrText } from '../codec/sockaddr';
import { AF, STATUS } from '../codec/names';
import { AbiUsageError } from '../errors';
import { EVENT_MASKS } from './ioctl-handlers';
import type { SimSocket } from './socket';

/** What a waiting IRP waits for. */
export type WaitKind = 'addressListChange' | 'eventDisable';

/** An IRP queued until the harness signals its event. */
export interface WaitingIrp {
  readonly irp: Uint8Array;
  readonly socket: SimSocket;
  readonly kind: WaitKind;
  /** Address family (addressListChange) or event flag (eventDisable). */
  readonly key: number;
}

/** Pointer value of the k-th (1-based) registered security-descriptor image: 0x5D000000 + 0x10 * k (policy sd-image-pointer). */
export const SD_IMAGE_BASE = 0x5d000000;
export const SD_IMAGE_STRIDE = 0x10;

/** The default host addresses as SOCKADDR images, encoded once and shared by every provider (only ever read). */
const DEFAULT_V4: readonly Uint8Array[] = DEFAULT_HOST_ADDRESSES.AF_INET.map((t) => encodeSockaddrText(t)!);
const DEFAULT_V6: readonly Uint8Array[] = DEFAULT_HOST_ADDRESSES.AF_INET6.map((t) => encodeSockaddrText(t)!);

/** Mutable harness state owned by one provider. */
export class HarnessState {
  /**
   * Host addresses of AF_INET and AF_INET6 as SOCKADDR images (read, never written: setAddressList replaces a whole
   * list; two fields rather than a Map, so that a new provider allocates nothing for them).
   */
  hostAddressesV4: readonly Uint8Array[] = DEFAULT_V4;
  hostAddressesV6: readonly Uint8Array[] = DEFAULT_V6;
  /** Whether the harness has set the list of AF_INET / AF_INET6 (binds are then checked against it: policy bind-local-address). */
  addressListSetV4 = false;
  addressListSetV6 = false;
  /** IRPs waiting for a harness event, in submission order. */
  readonly waiting: WaitingIrp[] = [];
  /** Event mask set by WSK_SET_STATIC_EVENT_CALLBACKS (0 = none). */
  staticEventMask = 0;
  /** Flags set by WSK_TDI_BEHAVIOR. */
  tdiBehavior = 0;
  /** Security-descriptor images: pointer value -> allowed principals (created on first use). */
  sdImages: Map<number, readonly string[]> | null = null;
  /** Number of sockets ever created (WSK_SET_STATIC_EVENT_CALLBACKS must come first). */
  socketsCreated = 0;
}

/**
 * SOCKADDR images of address texts parsed so far, shared by every provider (host lists are only ever read); emptied
 * when it reaches PARSED_MAX texts, so a harness that sets ever new addresses does not grow it without bound.
 */
const PARSED = new Map<string, Uint8Array>();
const PARSED_MAX = 4096;

/**
 * The SOCKADDR image of an address text, or null when it is not one (encodeSockaddrText, remembered); callers only
 * read it.
 */
export function parsedAddress(t: string): Uint8Array | null {
  let b: Uint8Array | null | undefined = PARSED.get(t);
  if (b === undefined) {
    b = encodeSockaddrText(t);
    if (b === null) return null;
    if (PARSED.size >= PARSED_MAX) PARSED.clear();
    PARSED.set(t, b);
  }
  return b;
}

/** Parse harness address texts of one family into SOCKADDR images, throwing AbiUsageError on bad input. */
export function parseAddressList(family: number, addresses: readonly string[]): Uint8Array[] {
  if (family !== AF.AF_INET && family !== AF.AF_INET6) throw new AbiUsageError(`address family must be AF_INET (2) or AF_INET6 (23), got ${family}`);
  if (!Array.isArray(addresses)) throw new AbiUsageError('addresses must be an array of address texts');
  const list = new Array<Uint8Array>(addresses.length);
  for (let i = 0; i < addresses.length; i++) {
    const t: unknown = addresses[i];
    const b = typeof t === 'string' ? parsedAddress(t) : null;
    if (b === null) throw new AbiUsageError(`${JSON.stringify(t)} is not "a.b.c.d:port" or "[ipv6]:port"`);
    if ((b[0]! | (b[1]! << 8)) !== family) throw new AbiUsageError(`${String(t)} is not an address of family ${family}`);
    list[i] = b;
  }
  return list;
}

/** The static event flags a new socket of a category starts with. */
export function staticEventsFor(h: HarnessState, category: SimSocket['category']): number {
  return h.staticEventMask === 0 ? 0 : (h.staticEventMask & EVENT_MASKS[category].valid) >>> 0;
}

/** Remove and return the waiting IRPs matching a predicate, in submission order. */
export function takeWaiting(h: HarnessState, match: (w: WaitingIrp) => boolean): WaitingIrp[] {
  const out: WaitingIrp[] = [];
  for (let i = 0; i < h.waiting.length;) {
    const w = h.waiting[i]!;
    if (match(w)) { out.push(w); h.waiting.splice(i, 1); } else i++;
  }
  return out;
}

/** Status a waiting IRP completes with when its event arrives. */
export const WAIT_DONE_STATUS = STATUS.STATUS_SUCCESS;
