/**
 * The simulated WSK provider: sockets, the IRP model, and the entry points WskSocket, WskBind, WskCloseSocket and
 * WskControlSocket, taking Node Buffers laid out exactly like the C arguments.
 */
import { DISPATCH_TABLES } from '../../abi/dispatch';
import { POLICY_PRESETS, type PolicyPresetName, type PolicySettings, type RuleId } from '../../abi/policy';
import type { ArchName, Citation, SocketCategory, WskFunctionName } from '../../abi/schema';
import { layoutOf, type ArchLayout } from '../codec/layout';
import { AF, CODE, PROTO, SOCK, STATUS, WSK_FLAG } from '../codec/names';
import { AbiUsageError } from '../errors';
import { bufferArg, bytesArg, handleArg, ownerArg, sizeArg, ulongArg } from './args';
import { bindSocket, deliverBind, releaseBinding } from './bind';
import { controlSocket } from './control-socket';
import { fastControl } from './control-fast';
import { EndpointTable } from './endpoint-table';
import { optionTable, type CompiledOption, type OptionTable } from './option-table';
import { sharingRules, type SharingRules } from './sharing';
import { Fault } from './result';
import { CATEGORY_BIT, DISPATCH_BITS, HANDLE_GENERATION, HANDLE_MAX, HANDLE_SLOT_MASK, OPTION_STATE_INDEX, recycleOptionSlots, SimSocket } from './socket';
import { HarnessState, parseAddressList, SD_IMAGE_BASE, SD_IMAGE_STRIDE, staticEventsFor, takeWaiting, WAIT_DONE_STATUS, type WaitKind } from './harness';
import { controlClient } from './control-client';
import {
  accept, addRemote, advance, closeNet, connect, disconnect, getAddress, incoming, listen, peerClose as peerCloseOf,
  socketConnect, takeAcceptWaiters, isReservation, lingeringEndpoints, reservationHolders as reservationHoldersOf, type Lingering,
} from './connections';
import { compileEvidence, NO_LINT, type CompiledEvidence } from './evidence';
import type { DeviationId } from '../../abi/deviations';

/** Address-sharing rule set (BIND-RULES.md). */
export type ProfileName = 'wsk' | 'winsock' | 'winsock-xp';

/** How IRP-based calls complete: before returning, or later through deliverCompletions(). */
export type CompletionMode = 'inline' | 'pending';

/** Called whenever the provider completes an IRP (the IoCompletion routine). */
export type CompletionHook = (irp: Uint8Array, status: number, information: number) => void;

/** Construction options of a provider. */
export interface ProviderOptions {
  readonly arch?: ArchName;
  readonly profile?: ProfileName;
  readonly policy?: PolicyPresetName | PolicySettings;
  readonly completion?: CompletionMode;
  readonly onComplete?: CompletionHook;
}

/** Parameters of WskSocket that the simulator models. */
export interface SocketParams {
  readonly family: number;
  readonly type: number;
  readonly protocol: number;
  readonly flags: number;
  /** Security context (principal) that creates the socket; default "system". */
  readonly owner?: string;
  /** A descriptor handle from cacheSecurityDescriptor; 0 or absent = the WSK default descriptor. */
  readonly securityDescriptor?: number;
}

/** Parameters of WskSocketConnect that the simulator models (the family is LocalAddress's sa_family). */
export interface SocketConnectParams {
  readonly type: number;
  readonly protocol: number;
  /** SOCKADDR image to bind (required by WskSocketConnect). */
  readonly localAddress: Uint8Array | null | undefined;
  /** SOCKADDR image to connect to. */
  readonly remoteAddress: Uint8Array | null | undefined;
  /** Reserved; must be 0. */
  readonly flags: number;
  /** A descriptor handle from cacheSecurityDescriptor; 0 or absent = the WSK default descriptor. */
  readonly securityDescriptor?: number;
  /** Security context (principal) that creates the socket; default "system". */
  readonly owner?: string;
}

/** Result of WskSocket: the status and, on success, the new socket's handle (0 otherwise). */
export interface SocketResult {
  readonly status: number;
  readonly socket: number;
}

/** Why a call ended as it did: the check, policy entry or sharing rule that decided. */
export interface Reason {
  /** Identifier of a control check (abi/policy.ts CONTROL_CHECKS), bind check, policy entry or sharing cell; '' before any call. */
  readonly rule: RuleId | '';
  /** Handle of the bound socket that conflicted, or 0. */
  readonly conflictSocket: number;
  /** Citation of the deciding rule, when it has one beyond the policy entry (a sharing cell's source). */
  readonly source: Citation | null;
  /** Winsock error equivalent of a sharing refusal (WSAEADDRINUSE / WSAEACCES), 0 otherwise (policy sharing-wsa-code). */
  readonly wsaError: number;
  /**
   * Deviations of the call's arguments from the documented parameter table (abi/deviations.ts), in table order; empty
   * when none (policy deviations-reported). The array is reused by the next call that records any (reasonSnapshot()
   * copies it).
   */
  readonly lint: readonly DeviationId[];
}

/**
 * The provider's reason record, live: one object per provider, overwritten in place by every call (so that no call
 * allocates one). Read it right after the call it explains; WskProvider.reasonSnapshot() copies it to keep.
 */
export type LiveReason = Reason;

/** The provider's own writable view of its reason record. */
type ReasonRecord = { -readonly [K in keyof Reason]: Reason[K] };

/** What delivering a pending call runs: the rest of a WskControlSocket or WskBind, a WskCloseSocket's completion, or `run`. */
const PENDING_RUN = 0;
const PENDING_CONTROL = 1;
const PENDING_BIND = 2;
const PENDING_CLOSE = 3;

/**
 * A pending IRP-based call, completed by deliverCompletions(). The commonest kinds keep their arguments in the record
 * (no closure per call); the others keep `run`.
 */
class PendingOp {
  constructor(
    readonly kind: number,
    readonly irp: Uint8Array,
    readonly socket: SimSocket,
    /** PENDING_RUN: runs the rest of the call and completes the IRP; returns its status, or a fault when a buffer it holds was released. */
    readonly run: (() => number) | null,
    /** PENDING_CONTROL: Socket, RequestType, ControlCode, Level and the buffers; PENDING_BIND: Flags (requestType), LocalAddress (input) and its size (inSize). */
    readonly handle: number,
    readonly requestType: number,
    readonly code: number,
    readonly level: number,
    readonly inSize: number,
    readonly input: Uint8Array | null,
    readonly outSize: number,
    readonly output: Uint8Array | null,
    readonly osr: Uint8Array | null,
  ) {}
}

/** An accepted IRP that the provider is completing with a known status (a cancellation or a harness event). */
interface Completing {
  readonly irp: Uint8Array;
  readonly status: number;
}

/**
 * A call that returned STATUS_PENDING whose IRP or buffer no longer covered its declared size when the provider came
 * to complete it (detached or shrunk by the caller; policy pending-buffers-held): nothing was written, the IRP was
 * not completed.
 */
export interface DeliveryFault {
  readonly irp: Uint8Array;
  /** The fault (Fault.IrpOverrun, InputBufferOverrun, OutputBufferOverrun, OutputSizeReturnedOverrun, AddressBufferOverrun). */
  readonly fault: number;
  /** The policy entry: 'pending-buffers-held'. */
  readonly rule: string;
}

/** One cached security descriptor (WSK_CACHE_SD): the principals allowed to share an address. */
export interface SecurityDescriptor {
  readonly allow: ReadonlySet<string>;
  released: boolean;
}

const FLAG_CATEGORY = new Map<number, SocketCategory>();
for (const t of Object.values(DISPATCH_TABLES)) FLAG_CATEGORY.set(WSK_FLAG[t.flag as keyof typeof WSK_FLAG]!, t.category);


/** A simulated WSK provider; every vector runs on a fresh one. */
export class WskProvider {
  readonly arch: ArchName;
  readonly profile: ProfileName;
  readonly policy: PolicySettings;
  readonly completion: CompletionMode;
  /** Resolved sizes and offsets for the arch. */
  readonly layout: ArchLayout;
  /** The compiled option table for the arch. */
  readonly options: OptionTable;
  /** Why the last call ended as it did: live, overwritten by the next call (LiveReason); see reasonSnapshot(). */
  readonly reason: LiveReason = { rule: '', conflictSocket: 0, source: null, wsaError: 0, lint: NO_LINT };
  /** @internal The deviations the current call recorded (check 10), attached to the reason it ends with; NO_LINT when none. */
  nextLint: readonly DeviationId[] = NO_LINT;
  /** @internal NO_LINT, held in a field so that setReason reads it in one load. */
  readonly noLint: readonly DeviationId[] = NO_LINT;
  /** @internal The array deviationsDecide fills (one per provider, so a call with deviations allocates nothing new). */
  readonly lintScratch: DeviationId[] = [];
  /**
   * @internal The evidence-based entry (extend-applicability or store-after-bind) the current call passed a check by,
   * or null; succeed() reports it as the deciding rule. Forgotten by clearLint and at check 7.
   */
  evidenceEntry: RuleId | null = null;
  /** @internal The active preset's evidence-based entries, compiled (src/provider/evidence.ts). */
  readonly evidence: CompiledEvidence;
  /** The active profile's compiled sharing table. */
  readonly rules: SharingRules;
  /** Number of successful port binds so far (gives each binding its place in bind order). */
  bindCounter = 0;
  /** The IoCompletion hook. */
  onComplete: CompletionHook | null;
  /** Number of IRPs completed so far. */
  completedCount = 0;

  /** @internal Live and closing sockets indexed by handle slot (handle & HANDLE_SLOT_MASK; policy socket-handle-reuse). */
  readonly sockets: (SimSocket | undefined)[] = [undefined];
  /** @internal Handles to issue next for freed slots, the most recently freed last (each one generation on). */
  readonly freeHandles: number[] = [];
  /** Bound transport addresses. */
  readonly endpoints = new EndpointTable(this.sockets);
  /** @internal */ readonly pending: PendingOp[] = [];
  /**
   * @internal IRPs taken off the queues to be completed with a known status (WskCloseSocket's cancellations, harness
   * events), completed one at a time from the front, so that completion routines calling the provider again (nested
   * closes, deliveries) neither lose nor repeat one.
   */
  readonly completing: Completing[] = [];
  /** Delivery faults so far, oldest first (policy pending-buffers-held). */
  readonly deliveryFaults: DeliveryFault[] = [];
  /** @internal Cached descriptors by handle (created on first use: most providers never cache one). */
  securityDescriptors: Map<number, SecurityDescriptor> | null = null;
  /** @internal Harness-side state. */
  readonly harness = new HarnessState();
  /**
   * Address the simulated OutputBuffer of SIO_ADDRESS_LIST_QUERY lies at: lpSockaddr = this + offset inside the
   * buffer (policy address-list-pointers; default 0, so lpSockaddr is the offset).
   */
  outputBufferAddress = 0;
  private nextSd = 1;
  /** @internal Handle of the socket the last successful WskAccept created. */
  lastAccepted = 0;
  /** @internal Simulated seconds. */
  simNow = 0;
  /** @internal Handle of the listener the last connect or incoming connection was routed to (0: none). */
  routedListener = 0;
  /** @internal Number of WskAccept IRPs waiting for a connection. */
  acceptWaiting = 0;
  /** @internal Remote listeners declared by the harness (keys of connections.ts remoteKey); created on first use. */
  remoteListeners: Set<string> | null = null;
  /** @internal Lingering endpoints in TIME_WAIT, in order of release (from lingerHead on). */
  readonly lingering: Lingering[] = [];
  /** @internal */ lingerHead = 0;
  /** @internal Closed exclusive listeners still holding their port (policy connection-exclusive-reservation). */
  reservations = 0;
  // ---- resolved once from layout, policy and completion mode, for the hot paths (no string compares per call) ----
  /** @internal sizeof(SIZE_T) and sizeof(IRP) of the arch. */
  readonly sizeT: number;
  /** @internal */ readonly sizeofIrp: number;
  /** @internal sizeofIrp - 1: the guarded path's IRP needs its byte at this index. */
  readonly irpLastByte: number;
  /** @internal Offsets of IoStatus.Status and IoStatus.Information inside the IRP; Information is 8 bytes on x64. */
  readonly statusOffset: number;
  /** @internal */ readonly informationOffset: number;
  /** @internal */ readonly wideInformation: boolean;
  /** @internal policy.setInputSize === 'exact'. */
  readonly exactSetSize: boolean;
  /** @internal policy.unusedArgs === 'reject'. */
  readonly rejectUnused: boolean;
  /** @internal policy.boolDomain === 'normalize'. */
  readonly normalizeBool: boolean;
  /** @internal policy.setAfterBind === 'reject'. */
  readonly rejectSetAfterBind: boolean;
  /** @internal completion === 'pending': IRP-based calls are queued for deliverCompletions(). */
  readonly deferIrps: boolean;
  /**
   * @internal The option table's guarded-path rows (control-fast.ts), or none under completion: pending, or while the
   * last call's deviations are recorded (deviationsDecide empties it; clearLint restores it).
   */
  fastRows: readonly (CompiledOption | null)[];

  constructor(options: ProviderOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new AbiUsageError(`provider options must be an object, got ${optionText(options)}`);
    this.arch = options.arch ?? 'x64';
    if (this.arch !== 'x86' && this.arch !== 'x64') throw new AbiUsageError(`unknown arch ${optionText(this.arch)} (expected "x86" or "x64")`);
    this.layout = layoutOf(this.arch);
    this.profile = options.profile ?? 'wsk';
    if (this.profile !== 'wsk' && this.profile !== 'winsock' && this.profile !== 'winsock-xp') {
      throw new AbiUsageError(`unknown profile ${optionText(this.profile)} (expected wsk, winsock or winsock-xp)`);
    }
    const policy = options.policy ?? 'strict';
    if (typeof policy === 'string') {
      const preset = Object.hasOwn(POLICY_PRESETS, policy) ? (POLICY_PRESETS as Record<string, PolicySettings>)[policy] : undefined;
      if (!preset) throw new AbiUsageError(`unknown policy ${optionText(policy)} (expected ${Object.keys(POLICY_PRESETS).join(', ')})`);
      this.policy = preset;
    } else {
      this.policy = checkedPolicy(policy);
    }
    this.completion = options.completion ?? 'inline';
    if (this.completion !== 'inline' && this.completion !== 'pending') {
      throw new AbiUsageError(`unknown completion ${optionText(this.completion)} (expected inline or pending)`);
    }
    const hook = options.onComplete ?? null;
    if (hook !== null && typeof hook !== 'function') throw new AbiUsageError(`onComplete must be a function, null or undefined, got ${optionText(hook)}`);
    this.options = optionTable(this.arch);
    this.rules = sharingRules(this.profile);
    this.onComplete = hook;
    const L = this.layout;
    this.sizeT = L.sizeT;
    this.sizeofIrp = L.sizeofIrp;
    this.irpLastByte = L.sizeofIrp - 1;
    this.statusOffset = L.irpStatusOffset;
    this.informationOffset = L.irpInformationOffset;
    this.wideInformation = L.ulongPtr === 8;
    if (this.statusOffset + 4 > 0x3ff || this.informationOffset + 8 > 0x3ff) throw new Error(`abi/structs.ts: IoStatus of ${this.arch} must lie in the first 1024 bytes of the IRP (complete() masks its offsets)`);
    this.exactSetSize = this.policy.setInputSize === 'exact';
    this.rejectUnused = this.policy.unusedArgs === 'reject';
    this.normalizeBool = this.policy.boolDomain === 'normalize';
    this.rejectSetAfterBind = this.policy.setAfterBind === 'reject';
    this.evidence = compileEvidence(this.policy);
    this.deferIrps = this.completion === 'pending';
    this.fastRows = this.deferIrps ? NO_FAST_ROWS : this.options.fastRows;
  }

  /**
   * WskSocket: create a socket (synchronously; the IRP of this call is not modelled byte-wise).
   *
   * NTSTATUS WSKAPI WskSocket(_In_ PWSK_CLIENT Client, _In_ ADDRESS_FAMILY AddressFamily, _In_ USHORT SocketType,
   *   _In_ ULONG Protocol, _In_ ULONG Flags, _In_opt_ PVOID SocketContext, _In_opt_ const VOID *Dispatch,
   *   _In_opt_ PEPROCESS OwningProcess, _In_opt_ PETHREAD OwningThread,
   *   _In_opt_ PSECURITY_DESCRIPTOR SecurityDescriptor, _Inout_ PIRP Irp);
   */
  wskSocket(params: SocketParams): SocketResult {
    this.clearLint();
    if (typeof params !== 'object' || params === null) throw new AbiUsageError('wskSocket needs a parameter object');
    const family = ulongArg(params.family, 'AddressFamily');
    const type = ulongArg(params.type, 'SocketType');
    const protocol = ulongArg(params.protocol, 'Protocol');
    const flags = ulongArg(params.flags, 'Flags');
    const sd = params.securityDescriptor === undefined ? 0 : handleArg(params.securityDescriptor, 'SecurityDescriptor');
    const owner = ownerArg(params.owner);
    const category = FLAG_CATEGORY.get(flags);
    if (category === undefined) return this.socketFailure(STATUS.STATUS_INVALID_PARAMETER);
    if (family !== AF.AF_INET && family !== AF.AF_INET6) return this.socketFailure(STATUS.STATUS_NOT_SUPPORTED);
    const protocolOk =
      type === SOCK.SOCK_STREAM ? protocol === 0 || protocol === PROTO.IPPROTO_TCP
        : type === SOCK.SOCK_DGRAM ? protocol === 0 || protocol === PROTO.IPPROTO_UDP
          : type === SOCK.SOCK_RAW;
    if (!protocolOk) return this.socketFailure(STATUS.STATUS_NOT_SUPPORTED);
    if (type === SOCK.SOCK_RAW && protocol > PROTO.IPPROTO_RAW) return this.socketFailure(STATUS.STATUS_NOT_SUPPORTED, 'raw-protocol-range');
    if (sd !== 0 && !this.liveSd(sd)) return this.socketFailure(STATUS.STATUS_INVALID_PARAMETER);
    const s = this.createSocket(category, family, type, protocol, owner, sd);
    if (s === null) return this.socketFailure(STATUS.STATUS_INSUFFICIENT_RESOURCES, 'socket-handle-reuse');
    this.setReason('socket-create');
    return { status: STATUS.STATUS_SUCCESS, socket: s.handle };
  }

  /** @internal A new socket with a free handle and the default option values, or null when every handle is taken. */
  createSocket(category: SocketCategory, family: number, type: number, protocol: number, owner: string, sd: number): SimSocket | null {
    const handle = this.newHandle();
    if (handle === 0) return null;
    const s = new SimSocket(handle, category, CATEGORY_BIT[category], family, type, protocol, owner);
    s.options.set(this.options.defaults);
    s.securityDescriptor = sd;
    s.staticEvents = staticEventsFor(this.harness, category);
    s.options[OPTION_STATE_INDEX.eventMask] = s.staticEvents;
    this.harness.socketsCreated++;
    this.sockets[handle & HANDLE_SLOT_MASK] = s;
    return s;
  }

  /**
   * WskControlSocket: set or get a socket option, or perform a socket IOCTL. Returns an NTSTATUS or a fault.
   *
   * NTSTATUS WSKAPI WskControlSocket(_In_ PWSK_SOCKET Socket, _In_ WSK_CONTROL_SOCKET_TYPE RequestType,
   *   _In_ ULONG ControlCode, _In_ ULONG Level, _In_ SIZE_T InputSize,
   *   _In_reads_bytes_opt_(InputSize) PVOID InputBuffer, _In_ SIZE_T OutputSize,
   *   _Out_writes_bytes_opt_(OutputSize) PVOID OutputBuffer, _Out_opt_ SIZE_T *OutputSizeReturned,
   *   _Inout_opt_ PIRP Irp);
   */
  wskControlSocket(
    socket: number, requestType: number, controlCode: number, level: number,
    inputSize: number | bigint, inputBuffer: Uint8Array | null | undefined,
    outputSize: number | bigint, outputBuffer: Uint8Array | null | undefined,
    outputSizeReturned: Uint8Array | null | undefined, irp: Uint8Array | null | undefined,
  ): number {
    // The guarded success path first (control-fast.ts): it completes the commonest calls with STATUS_SUCCESS (0) or
    // declines, having changed nothing; misuse always declines, and the full sequence throws AbiUsageError for it.
    if (fastControl(this, socket, requestType, controlCode, level, inputSize, inputBuffer, outputSize, outputBuffer, outputSizeReturned, irp)) return 0;
    return this.controlSocketChecked(socket, requestType, controlCode, level, inputSize, inputBuffer, outputSize, outputBuffer, outputSizeReturned, irp);
  }

  /** @internal WskControlSocket through the full check sequence: arguments converted here, then checks 1-13 (control-socket.ts). */
  controlSocketChecked(
    socket: number, requestType: number, controlCode: number, level: number,
    inputSize: number | bigint, inputBuffer: Uint8Array | null | undefined,
    outputSize: number | bigint, outputBuffer: Uint8Array | null | undefined,
    outputSizeReturned: Uint8Array | null | undefined, irp: Uint8Array | null | undefined,
  ): number {
    return controlSocket(
      this, socket, ulongArg(requestType, 'RequestType'), ulongArg(controlCode, 'ControlCode'), ulongArg(level, 'Level'),
      sizeArg(this.layout, inputSize, 'InputSize'), bufferArg(inputBuffer, 'InputBuffer'),
      sizeArg(this.layout, outputSize, 'OutputSize'), bufferArg(outputBuffer, 'OutputBuffer'),
      bufferArg(outputSizeReturned, 'OutputSizeReturned'), bufferArg(irp, 'Irp'), false,
    );
  }

  /**
   * WskBind: bind a socket to a local transport address. `localAddressSize` is the size of the structure the
   * caller passes (default: the Buffer's length); a Buffer shorter than it is fault AddressBufferOverrun.
   *
   * NTSTATUS WSKAPI WskBind(_In_ PWSK_SOCKET Socket, _In_ PSOCKADDR LocalAddress, _Reserved_ ULONG Flags,
   *   _Inout_ PIRP Irp);
   */
  wskBind(socket: number, localAddress: Uint8Array | null | undefined, flags: number, irp: Uint8Array | null | undefined, localAddressSize?: number): number {
    return bindSocket(this, socket, localAddress, flags, irp, localAddressSize);
  }

  /**
   * WskCloseSocket: close a socket, cancelling its pending IRPs and releasing its binding.
   *
   * NTSTATUS WSKAPI WskCloseSocket(_In_ PWSK_SOCKET Socket, _Inout_ PIRP Irp);
   */
  wskCloseSocket(socket: number, irp: Uint8Array | null | undefined): number {
    const irpBuf = bufferArg(irp, 'Irp');
    const s = this.liveSocket(socket);
    if (s === null) return this.fault('socket-live', Fault.InvalidSocket);
    if (irpBuf !== null && irpBuf.length < this.layout.sizeofIrp) return this.fault('buffers-cover-sizes', Fault.IrpOverrun);
    if (irpBuf === null) { this.setReason('bind-irp'); return STATUS.STATUS_INVALID_PARAMETER; }
    s.closing = true;
    s.forgetFitRow();
    // Every IRP of the socket leaves the queues before any completion routine runs; the routines may call the
    // provider again (policy close-reentrant).
    let cancels = false;
    for (let i = 0, j = 0, n = this.pending.length; i < n; i++) {
      const op = this.pending[i]!;
      if (op.socket === s) { this.completing.push({ irp: op.irp, status: STATUS.STATUS_CANCELLED }); cancels = true; } else this.pending[j++] = op;
      if (i === n - 1) this.pending.length = j;
    }
    if (this.harness.waiting.length > 0) for (const w of takeWaiting(this.harness, (x) => x.socket === s)) { this.completing.push({ irp: w.irp, status: STATUS.STATUS_CANCELLED }); cancels = true; }
    if (s.net !== null && takeAcceptWaiters(this, s, this.completing)) cancels = true;
    try {
      if (cancels) this.drainCompleting();
    } finally {
      // policies connection-close, connection-exclusive-reservation: a closed exclusive listener may keep its binding
      if (s.net === null || !closeNet(this, s)) releaseBinding(this, s);
      this.freeHandle(s);
    }
    this.setReason('close-cancels-pending');
    if (this.deferIrps === true) {
      this.pending.push(new PendingOp(PENDING_CLOSE, irpBuf, CLOSED_SENTINEL, null, 0, 0, 0, 0, 0, null, 0, null, null));
      return STATUS.STATUS_PENDING;
    }
    this.complete(irpBuf, STATUS.STATUS_SUCCESS, 0);
    return STATUS.STATUS_SUCCESS;
  }

  /**
   * WskListen: make a bound stream socket listen for incoming connections (a listening socket listens once bound).
   *
   * NTSTATUS WSKAPI WskListen(_In_ PWSK_SOCKET Socket, _Inout_ PIRP Irp);
   */
  wskListen(socket: number, irp: Uint8Array | null | undefined): number {
    return listen(this, socket, bufferArg(irp, 'Irp'));
  }

  /**
   * WskAccept: accept the oldest incoming connection routed to a listening (or listening stream) socket, or pend until
   * one arrives. On success the IRP completes with Information = the accepted socket's handle (the PWSK_SOCKET), also
   * readable as lastAcceptedSocket; LocalAddress and RemoteAddress (optional, each at least the family's SOCKADDR) receive
   * the connection's addresses.
   *
   * NTSTATUS WSKAPI WskAccept(_In_ PWSK_SOCKET ListenSocket, _Reserved_ ULONG Flags, _In_opt_ PVOID AcceptSocketContext,
   *   _In_opt_ const WSK_CLIENT_CONNECTION_DISPATCH *AcceptSocketDispatch, _Out_opt_ PSOCKADDR LocalAddress,
   *   _Out_opt_ PSOCKADDR RemoteAddress, _Inout_ PIRP Irp);
   */
  wskAccept(
    socket: number, flags: number, localAddress: Uint8Array | null | undefined, remoteAddress: Uint8Array | null | undefined,
    irp: Uint8Array | null | undefined,
  ): number {
    return accept(this, socket, ulongArg(flags, 'Flags'), bufferArg(localAddress, 'LocalAddress'), bufferArg(remoteAddress, 'RemoteAddress'), bufferArg(irp, 'Irp'));
  }

  /**
   * WskConnect: connect a bound connection-oriented (or stream) socket to a remote transport address.
   *
   * NTSTATUS WSKAPI WskConnect(_In_ PWSK_SOCKET Socket, _In_ PSOCKADDR RemoteAddress, _Reserved_ ULONG Flags,
   *   _Inout_ PIRP Irp);
   */
  wskConnect(socket: number, remoteAddress: Uint8Array | null | undefined, flags: number, irp: Uint8Array | null | undefined): number {
    return connect(this, socket, bufferArg(remoteAddress, 'RemoteAddress'), ulongArg(flags, 'Flags'), bufferArg(irp, 'Irp'));
  }

  /**
   * WskSocketConnect: create a connection-oriented socket, bind it to LocalAddress and connect it to RemoteAddress in
   * one call; the result carries the new socket's handle (0 on failure), which the IRP's Information also holds.
   *
   * NTSTATUS WSKAPI WskSocketConnect(_In_ PWSK_CLIENT Client, _In_ USHORT SocketType, _In_ ULONG Protocol,
   *   _In_ PSOCKADDR LocalAddress, _In_ PSOCKADDR RemoteAddress, _Reserved_ ULONG Flags, _In_opt_ PVOID SocketContext,
   *   _In_opt_ const WSK_CLIENT_CONNECTION_DISPATCH *Dispatch, _In_opt_ PEPROCESS OwningProcess,
   *   _In_opt_ PETHREAD OwningThread, _In_opt_ PSECURITY_DESCRIPTOR SecurityDescriptor, _Inout_ PIRP Irp);
   */
  wskSocketConnect(params: SocketConnectParams, irp: Uint8Array | null | undefined): SocketResult {
    this.clearLint();
    if (typeof params !== 'object' || params === null) throw new AbiUsageError('wskSocketConnect needs a parameter object');
    const type = ulongArg(params.type, 'SocketType');
    const protocol = ulongArg(params.protocol, 'Protocol');
    const flags = ulongArg(params.flags, 'Flags');
    const local = bufferArg(params.localAddress, 'LocalAddress');
    const remote = bufferArg(params.remoteAddress, 'RemoteAddress');
    const sd = params.securityDescriptor === undefined ? 0 : handleArg(params.securityDescriptor, 'SecurityDescriptor');
    const owner = ownerArg(params.owner);
    return socketConnect(this, type, protocol, local, remote, flags, sd, owner, bufferArg(irp, 'Irp'));
  }

  /**
   * WskDisconnect: disconnect a connected socket, gracefully (Flags 0) or abortively (WSK_FLAG_ABORTIVE). `buffer` is
   * the PWSK_BUF pointer value (0 = NULL); the final data it names is not sent (no data path is modelled).
   *
   * NTSTATUS WSKAPI WskDisconnect(_In_ PWSK_SOCKET Socket, _In_opt_ PWSK_BUF Buffer, _In_ ULONG Flags, _Inout_ PIRP Irp);
   */
  wskDisconnect(socket: number, buffer: number, flags: number, irp: Uint8Array | null | undefined): number {
    return disconnect(this, socket, handleArg(buffer, 'Buffer'), ulongArg(flags, 'Flags'), bufferArg(irp, 'Irp'));
  }

  /**
   * WskGetLocalAddress: write the socket's local transport address, as the SOCKADDR of its family, into LocalAddress.
   *
   * NTSTATUS WSKAPI WskGetLocalAddress(_In_ PWSK_SOCKET Socket, _Out_ PSOCKADDR LocalAddress, _Inout_ PIRP Irp);
   */
  wskGetLocalAddress(socket: number, localAddress: Uint8Array | null | undefined, irp: Uint8Array | null | undefined): number {
    return getAddress(this, socket, bufferArg(localAddress, 'LocalAddress'), bufferArg(irp, 'Irp'), false);
  }

  /**
   * WskGetRemoteAddress: write the connected socket's remote transport address, as the SOCKADDR of its family, into
   * RemoteAddress.
   *
   * NTSTATUS WSKAPI WskGetRemoteAddress(_In_ PWSK_SOCKET Socket, _Out_ PSOCKADDR RemoteAddress, _Inout_ PIRP Irp);
   */
  wskGetRemoteAddress(socket: number, remoteAddress: Uint8Array | null | undefined, irp: Uint8Array | null | undefined): number {
    return getAddress(this, socket, bufferArg(remoteAddress, 'RemoteAddress'), bufferArg(irp, 'Irp'), true);
  }

  /** Handle of the socket the last successful WskAccept created (0 before any). */
  get lastAcceptedSocket(): number {
    return this.lastAccepted;
  }

  /** Handle of the listening socket the last WskConnect, WskSocketConnect or incomingConnection was routed to (0: none, refused, or a remote listener). */
  get lastRoutedListener(): number {
    return this.routedListener;
  }

  /**
   * What holds the port of the closed exclusive listener `listener` (policy connection-exclusive-reservation): the
   * handles of its accepted sockets still open, and its lingering endpoints (closed handle, release time); both empty for
   * any other handle.
   */
  reservationHolders(listener: number): { readonly open: readonly number[]; readonly lingering: readonly { readonly handle: number; readonly until: number }[] } {
    const l = typeof listener === 'number' ? this.endpoints.closedSocket(listener) : undefined;
    if (l === undefined || !isReservation(l)) return { open: [], lingering: [] };
    return reservationHoldersOf(this, l);
  }

  /** Lingering endpoints still in TIME_WAIT, oldest first: the handle their socket had, and their release time (s). */
  get lingeringEndpoints(): readonly { readonly handle: number; readonly until: number }[] {
    return lingeringEndpoints(this);
  }

  /** Simulated time in seconds (policy connection-time): moves only through advanceTime. */
  get now(): number {
    return this.simNow;
  }

  /**
   * Harness: a remote peer at `from` connects to the local transport address `to` (SOCKADDR images); returns the
   * handle of the listening socket it was routed to, or 0 when it was refused.
   */
  incomingConnection(from: Uint8Array, to: Uint8Array): number {
    return incoming(this, bytesArg(from, 'from'), bytesArg(to, 'to'));
  }

  /** Harness: the remote peer of a connected socket closes first; returns 1 if the socket had a connection it closed, else 0. */
  peerClose(socket: number): number {
    const s = this.liveSocket(socket);
    if (s === null) throw new AbiUsageError(`socket ${socket} is not a live socket`);
    return peerCloseOf(this, s);
  }

  /** Harness: declare a listener at a remote transport address (SOCKADDR image), which WskConnect to it then reaches. */
  addRemoteListener(address: Uint8Array): void {
    addRemote(this, bytesArg(address, 'address'));
  }

  /** Harness: advance simulated time by `seconds` (>= 0); returns how many lingering endpoints were released. */
  advanceTime(seconds: number): number {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) throw new AbiUsageError(`seconds must be a finite number >= 0, got ${optionText(seconds)}`);
    return advance(this, seconds);
  }

  /** WskControlClient(WSK_CACHE_SD) in typed form: cache a descriptor allowing these principals; returns its handle. */
  cacheSecurityDescriptor(allow: readonly string[]): number {
    if (!Array.isArray(allow) || allow.some((a) => typeof a !== 'string')) throw new AbiUsageError('allow must be an array of principal names');
    const h = this.nextSd++;
    (this.securityDescriptors ??= new Map()).set(h, { allow: new Set(allow), released: false });
    return h;
  }

  /** WskControlClient(WSK_RELEASE_SD) in typed form: release a cached descriptor. */
  releaseSecurityDescriptor(sd: number): number {
    const h = handleArg(sd, 'sd');
    const d = this.securityDescriptors?.get(h);
    if (!d || d.released) return STATUS.STATUS_INVALID_PARAMETER;
    d.released = true;
    return STATUS.STATUS_SUCCESS;
  }

  /**
   * WskControlClient: perform a control operation on the WSK client object. Returns an NTSTATUS or a fault.
   *
   * NTSTATUS WSKAPI WskControlClient(_In_ PWSK_CLIENT Client, _In_ ULONG ControlCode, _In_ SIZE_T InputSize,
   *   _In_reads_bytes_opt_(InputSize) PVOID InputBuffer, _In_ SIZE_T OutputSize,
   *   _Out_writes_bytes_opt_(OutputSize) PVOID OutputBuffer, _Out_opt_ SIZE_T *OutputSizeReturned,
   *   _Inout_opt_ PIRP Irp);
   */
  wskControlClient(
    controlCode: number, inputSize: number | bigint, inputBuffer: Uint8Array | null | undefined,
    outputSize: number | bigint, outputBuffer: Uint8Array | null | undefined,
    outputSizeReturned: Uint8Array | null | undefined, irp: Uint8Array | null | undefined,
  ): number {
    return controlClient(this, controlCode, inputSize, inputBuffer, outputSize, outputBuffer, outputSizeReturned, irp);
  }

  /** Harness: register a security-descriptor image allowing these principals; returns the pointer value a byte-level caller passes to WSK_CACHE_SD (policy sd-image-pointer). */
  registerSecurityDescriptorImage(allow: readonly string[]): number {
    if (!Array.isArray(allow) || allow.some((a) => typeof a !== 'string')) throw new AbiUsageError('allow must be an array of principal names');
    const images = (this.harness.sdImages ??= new Map());
    const ptr = SD_IMAGE_BASE + SD_IMAGE_STRIDE * (images.size + 1);
    images.set(ptr, [...allow]);
    return ptr;
  }

  /** Harness: replace the host's address list of a family; completes that family's waiting SIO_ADDRESS_LIST_CHANGE IRPs. Returns how many completed. */
  setAddressList(family: number, addresses: readonly string[]): number {
    const list = parseAddressList(ulongArg(family, 'family'), addresses);
    if (family === AF.AF_INET) { this.harness.hostAddressesV4 = list; this.harness.addressListSetV4 = true; } else { this.harness.hostAddressesV6 = list; this.harness.addressListSetV6 = true; }
    return this.signal('addressListChange', family);
  }

  /** Harness: mark an event callback of a socket as in progress or returned; returning completes waiting disables (policy callback-in-progress-harness). */
  setCallbackInProgress(socket: number, eventFlag: number, inProgress: boolean): number {
    const s = this.liveSocket(socket);
    if (s === null) throw new AbiUsageError(`socket ${socket} is not a live socket`);
    const flag = ulongArg(eventFlag, 'eventFlag');
    if (inProgress) { s.callbacksInProgress = (s.callbacksInProgress | flag) >>> 0; return 0; }
    s.callbacksInProgress = (s.callbacksInProgress & ~flag) >>> 0;
    return this.completeWaiting(takeWaiting(this.harness, (x) => x.kind === 'eventDisable' && x.socket === s && (x.key & flag) !== 0));
  }

  /** Harness: set the WFP redirect records or context a socket's query IOCTL returns (null removes them). */
  setRedirectData(socket: number, which: 'records' | 'context', bytes: Uint8Array | null): void {
    const s = this.liveSocket(socket);
    if (s === null) throw new AbiUsageError(`socket ${socket} is not a live socket`);
    if (which !== 'records' && which !== 'context') throw new AbiUsageError('which must be "records" or "context"');
    if (bytes !== null) bytesArg(bytes, 'bytes');
    const code = which === 'records' ? CODE.SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS : CODE.SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT;
    if (bytes === null) s.wfpData?.delete(code); else (s.wfpData ??= new Map()).set(code, Uint8Array.from(bytes));
  }

  /** Number of IRPs waiting for a harness event (WskAccept IRPs waiting for a connection included). */
  get waitingCount(): number {
    return this.harness.waiting.length + this.acceptWaiting;
  }

  /** @internal Queue an IRP until a harness event. */
  wait(irp: Uint8Array, socket: SimSocket, kind: WaitKind, key: number): void {
    this.harness.waiting.push({ irp, socket, kind, key });
  }

  /** @internal The host addresses of a family as SOCKADDR images. */
  hostAddressList(family: number): readonly Uint8Array[] {
    return family === AF.AF_INET ? this.harness.hostAddressesV4 : family === AF.AF_INET6 ? this.harness.hostAddressesV6 : [];
  }

  private signal(kind: WaitKind, key: number): number {
    if (this.harness.waiting.length === 0) return 0;
    return this.completeWaiting(takeWaiting(this.harness, (x) => x.kind === kind && x.key === key));
  }

  /** Complete IRPs that waited for a harness event; returns how many were completed (not delivery faults). */
  private completeWaiting(ws: readonly { readonly irp: Uint8Array }[]): number {
    if (ws.length === 0) return 0;
    const faults = this.deliveryFaults.length;
    for (const w of ws) this.completing.push({ irp: w.irp, status: WAIT_DONE_STATUS });
    this.drainCompleting();
    return ws.length - (this.deliveryFaults.length - faults);
  }

  /** Harness: put a socket in the forced-closed state (policy forced-close-harness). */
  forceClose(socket: number): boolean {
    const s = this.liveSocket(socket);
    if (s === null) return false;
    s.forcedClosed = true;
    s.forgetFitRow();
    return true;
  }

  /**
   * Deliver every pending IRP completion in submission order, including those queued by completion routines meanwhile;
   * returns how many calls were delivered. A call whose IRP or buffer was released meanwhile is a delivery fault
   * instead (policy pending-buffers-held: reported in deliveryFaults, not counted, IRP not completed).
   */
  deliverCompletions(): number {
    let n = 0;
    if (this.completing.length > 0) this.drainCompleting();
    while (this.pending.length > 0) {
      // taken off the queue before it runs: each call is delivered once, whatever its completion routine does
      const op = this.pending.shift()!;
      const r = op.irp.length < this.sizeofIrp ? Fault.IrpOverrun : this.runPending(op);
      if (r < 0) this.deliveryFault(op.irp, r); else n++;
    }
    return n;
  }

  /** Run the rest of a pending call and complete its IRP: its status, or a fault when a buffer it holds was released. */
  private runPending(op: PendingOp): number {
    switch (op.kind) {
      case PENDING_CONTROL:
        return controlSocket(this, op.handle, op.requestType, op.code, op.level, op.inSize, op.input, op.outSize, op.output, op.osr, op.irp, true);
      case PENDING_BIND: return deliverBind(this, op.socket, op.input, op.inSize, op.requestType, op.irp);
      case PENDING_CLOSE: return this.completeHeld(op.irp, STATUS_SUCCESS);
      default: return op.run!();
    }
  }

  /** Number of accepted IRPs not yet completed that deliverCompletions() completes. */
  get pendingCount(): number {
    return this.pending.length + this.completing.length;
  }

  /** The state of a live socket, for inspection (undefined for an unknown or closed handle). */
  inspect(socket: number): Readonly<SimSocket> | undefined {
    return this.liveSocket(socket) ?? undefined;
  }

  /** Whether a category's dispatch table contains a function. */
  hasFunction(category: SocketCategory, fn: WskFunctionName): boolean {
    return ((DISPATCH_BITS.get(fn) ?? 0) & CATEGORY_BIT[category]) !== 0;
  }

  // ---- internal helpers shared by the entry points -------------------------------------------------------------

  /** @internal The live socket behind a handle, or null; a handle that is not an integer number is misuse. */
  liveSocket(handle: number): SimSocket | null {
    this.clearLint();
    const s = typeof handle === 'number' ? this.sockets[handle & HANDLE_SLOT_MASK] : undefined;
    if (s !== undefined && s.handle === handle) return s.closing === true ? null : s;
    return noSocket(handle);
  }

  /** A free handle: a freed slot's next generation, or a new slot; 0 when every slot is taken (policy socket-handle-reuse). */
  newHandle(): number {
    if (this.freeHandles.length > 0) return this.freeHandles.pop()!;
    const slot = this.sockets.length;
    if (slot > HANDLE_SLOT_MASK) return 0;
    this.sockets.push(undefined);
    return slot;
  }

  /** @internal Free a closed socket's slot; its next handle is one generation on, or the slot is retired past HANDLE_MAX. */
  freeHandle(s: SimSocket): void {
    this.sockets[s.handle & HANDLE_SLOT_MASK] = undefined;
    recycleOptionSlots(s);
    if (s.handle <= HANDLE_MAX - HANDLE_GENERATION) this.freeHandles.push(s.handle + HANDLE_GENERATION);
  }

  /** Complete the IRPs of `completing` from the front, each taken off before its completion routine runs. */
  private drainCompleting(): void {
    while (this.completing.length > 0) {
      const c = this.completing.shift()!;
      this.completeHeld(c.irp, c.status);
    }
  }

  /**
   * @internal Complete an accepted IRP with Information 0, or report delivery fault IrpOverrun when the IRP no longer
   * covers sizeof(IRP) (policy pending-buffers-held); returns the status or the fault.
   */
  completeHeld(irp: Uint8Array, status: number): number {
    if (irp.length < this.sizeofIrp) { this.deliveryFault(irp, Fault.IrpOverrun); return Fault.IrpOverrun; }
    this.complete(irp, status, 0);
    return status;
  }

  /** @internal Report a delivery fault (policy pending-buffers-held). */
  deliveryFault(irp: Uint8Array, fault: number): void {
    this.setReason('pending-buffers-held');
    this.deliveryFaults.push({ irp, fault, rule: 'pending-buffers-held' });
  }

  /**
   * @internal Forget the deviations of the previous call: every entry point runs this before its checks (through
   * liveSocket, or directly), except the guarded path, which declines every call while deviations are recorded.
   */
  clearLint(): void {
    this.evidenceEntry = null;
    if (this.nextLint !== this.noLint) {
      this.nextLint = this.noLint;
      this.fastRows = this.deferIrps ? NO_FAST_ROWS : this.options.fastRows;
    }
  }

  /** @internal Whether a descriptor handle names a cached, unreleased descriptor. */
  liveSd(sd: number): boolean {
    const d = this.securityDescriptors?.get(sd);
    return d !== undefined && !d.released;
  }

  /** @internal Whether a socket's descriptor (0 = default, allows no one) lets `owner` share (policy sharing-check-sd, sd-copy-at-apply). */
  sdAllows(sd: number, owner: string): boolean {
    if (sd === 0) return false;
    const d = this.securityDescriptors?.get(sd);
    return d !== undefined && d.allow.has(owner);
  }

  /** A copy of the reason record of the last call, which later calls leave unchanged. */
  reasonSnapshot(): Reason {
    const r = this.reason;
    return Object.freeze({ rule: r.rule, conflictSocket: r.conflictSocket, source: r.source, wsaError: r.wsaError, lint: r.lint.length === 0 ? NO_LINT : Object.freeze([...r.lint]) });
  }

  /** @internal Record the deciding rule (a check or policy entry: no conflicting socket, no further citation). */
  setReason(rule: RuleId): void {
    const r = this.reason as ReasonRecord;
    r.rule = rule;
    r.conflictSocket = 0;
    r.source = null;
    r.wsaError = 0;
    r.lint = this.nextLint;
  }

  /**
   * @internal Record a sharing cell that decided a bind, with the binding it judged against, the cell's citation and,
   * for a refusal, the Winsock error equivalent (0 otherwise).
   */
  setSharingReason(rule: RuleId, conflictSocket: number, source: Citation | null, wsaError: number): void {
    const r = this.reason as ReasonRecord;
    r.rule = rule;
    r.conflictSocket = conflictSocket;
    r.source = source;
    r.wsaError = wsaError;
    r.lint = this.nextLint;
  }

  /** @internal Report a fault. */
  fault(rule: RuleId, code: number): number {
    this.setReason(rule);
    return code;
  }

  /** @internal Write IoStatus (Status, then Information as a ULONG_PTR) and run the completion hook. */
  complete(irp: Uint8Array, status: number, information: number): void {
    // IoStatus.Status, then IoStatus.Information (a ULONG_PTR) little-endian. The byte stores are written out here, not
    // through writeUlong, so that the optimiser inlines all of complete() or none of it (inlining it without its stores
    // left three calls per completion). The offsets are masked to their range (below 1024, checked at construction),
    // which lets it drop the overflow check on every `off + k`.
    const st = this.statusOffset & 0x3ff;
    irp[st] = status; irp[st + 1] = status >>> 8; irp[st + 2] = status >>> 16; irp[st + 3] = status >>> 24;
    const inf = this.informationOffset & 0x3ff;
    irp[inf] = information; irp[inf + 1] = information >>> 8; irp[inf + 2] = information >>> 16; irp[inf + 3] = information >>> 24;
    if (this.wideInformation === true) {
      const high = Math.floor(information / 0x100000000);
      irp[inf + 4] = high; irp[inf + 5] = high >>> 8; irp[inf + 6] = high >>> 16; irp[inf + 7] = high >>> 24;
    }
    this.completedCount++;
    if (this.onComplete !== null) this.onComplete(irp, status, information);
  }

  /**
   * @internal setReason(rule) then complete(irp, STATUS_SUCCESS, information) for an Information below 256: the one
   * hand-inlined copy of complete(), for the guarded success path (control-fast.ts), with constant stores so that it is
   * small enough to inline. Keep it in step with complete().
   */
  completeSuccess(irp: Uint8Array, information: number, rule: RuleId): void {
    this.setReason(rule);
    const st = this.statusOffset & 0x3ff;
    irp[st] = 0; irp[st + 1] = 0; irp[st + 2] = 0; irp[st + 3] = 0;
    const inf = this.informationOffset & 0x3ff;
    irp[inf] = information; irp[inf + 1] = 0; irp[inf + 2] = 0; irp[inf + 3] = 0;
    if (this.wideInformation === true) { irp[inf + 4] = 0; irp[inf + 5] = 0; irp[inf + 6] = 0; irp[inf + 7] = 0; }
    this.completedCount++;
    const hook = this.onComplete;
    if (hook !== null) hook(irp, 0, information);
  }

  /**
   * @internal Route WskControlSocket of this provider through the full check sequence only (the guarded success path
   * off), for the differential tests that compare the two.
   */
  disableGuardedPath(): void {
    this.wskControlSocket = this.controlSocketChecked;
  }

  /** @internal Fail with a status, completing a supplied IRP with it (Information 0). */
  fail(irp: Uint8Array | null, status: number, rule: RuleId): number {
    this.setReason(rule);
    if (irp !== null) this.complete(irp, status, 0);
    return status;
  }

  /** @internal Queue the rest of an IRP-based call (completion: pending); `run` returns its status or a fault. */
  defer(irp: Uint8Array, socket: SimSocket, run: () => number): number {
    return this.queue(new PendingOp(PENDING_RUN, irp, socket, run, 0, 0, 0, 0, 0, null, 0, null, null));
  }

  /** @internal Queue checks 7-13 of a WskControlSocket (completion: pending), run again at delivery with `delivering` set. */
  deferControl(
    irp: Uint8Array, s: SimSocket, socket: number, rt: number, code: number, lvl: number, inSize: number, input: Uint8Array | null,
    outSize: number, output: Uint8Array | null, osr: Uint8Array | null,
  ): number {
    return this.queue(new PendingOp(PENDING_CONTROL, irp, s, null, socket, rt, code, lvl, inSize, input, outSize, output, osr));
  }

  /** @internal Queue the rest of a WskBind of an unbound socket (completion: pending). */
  deferBind(irp: Uint8Array, s: SimSocket, addr: Uint8Array | null, size: number, flags: number): number {
    return this.queue(new PendingOp(PENDING_BIND, irp, s, null, 0, flags, 0, 0, size, addr, 0, null, null));
  }

  /** Queue a pending call for deliverCompletions (policy pending-completion). */
  private queue(op: PendingOp): number {
    this.setReason('pending-completion');
    this.pending.push(op);
    return STATUS_PENDING;
  }

  /** @internal Convert a SIZE_T argument to a number, throwing AbiUsageError for values no C caller can pass. */
  sizeArg(v: number | bigint, name: string): number {
    return sizeArg(this.layout, v, name);
  }


  private socketFailure(status: number, rule: RuleId = 'socket-create'): SocketResult {
    this.setReason(rule);
    return { status, socket: 0 };
  }
}

const { STATUS_SUCCESS, STATUS_PENDING } = STATUS;

/** liveSocket's miss: null for an integer that names no live socket; anything else is API misuse (policy api-boundary). */
function noSocket(handle: unknown): null {
  handleArg(handle as number, 'Socket');
  return null;
}

/** An option value as a short text for a one-line message (JSON.stringify throws on a bigint). */
function optionText(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === null ? 'null' : typeof v;
}

/** The knobs of a custom PolicySettings and the values each may take. */
const POLICY_KNOBS: { readonly [K in Exclude<keyof PolicySettings, 'name'>]: readonly PolicySettings[K][] } = {
  setInputSize: ['exact', 'atLeast'], unusedArgs: ['reject', 'ignore'], boolDomain: ['reject', 'normalize'], setAfterBind: ['reject', 'store'],
};

/** A custom PolicySettings object, every knob checked. */
function checkedPolicy(policy: unknown): PolicySettings {
  if (typeof policy !== 'object' || policy === null) throw new AbiUsageError(`policy must be a preset name or a PolicySettings object, got ${optionText(policy)}`);
  const o = policy as Record<string, unknown>;
  for (const [knob, values] of Object.entries(POLICY_KNOBS)) {
    if (!(values as readonly unknown[]).includes(o[knob])) throw new AbiUsageError(`policy.${knob} must be one of ${values.join(', ')}, got ${optionText(o[knob])}`);
  }
  return policy as PolicySettings;
}

const CLOSED_SENTINEL = new SimSocket(0, 'basic', 0, 0, 0, 0, 'system');

/** The guarded path's rows under completion: pending: none, so it declines every call. */
const NO_FAST_ROWS: readonly (CompiledOption | null)[] = [null, null, null];

export { ulongArg, bufferArg } from './args';
