/**
 * Parsed form of a `wsksim/vectors@1` file (docs/VECTORS.md).
 */
import type { ArchName } from '../../abi/schema';
import type { PolicyPresetName } from '../../abi/policy';
import type { CompletionMode, ProfileName } from '../provider/provider';

/** The format identifier this reader accepts. */
export const VECTOR_FORMAT = 'wsksim/vectors@1';

/** A caller-owned buffer's initial content, or NULL. */
export type BufferSpec = { readonly initial: Buffer } | null;

/** Expected IRP state after a step. */
export type IrpExpect =
  | 'untouched'
  | {
    readonly completed?: boolean;
    readonly status?: number;
    readonly information?: bigint;
    readonly ioStatus?: Buffer;
    readonly bytes?: Buffer;
  };

/** Expectations any step may carry. */
export interface StepExpect {
  readonly status?: number;
  readonly fault?: string;
  /** Whole OutputBuffer after the call; null asserts NULL. */
  readonly output?: Buffer | null;
  /** Whole OutputSizeReturned buffer after the call; null asserts NULL. */
  readonly outputSizeReturned?: Buffer | null;
  readonly irp?: IrpExpect;
  /** For `complete`: one entry per IRP completed by the step, in order. */
  readonly irps?: readonly IrpExpect[];
  /** Identifier of the deciding rule (free text is kept but not compared). */
  readonly rule?: string;
  /** Handle name of the socket that conflicted (bind). */
  readonly conflictsWith?: string;
  /** Winsock error reported beside the NTSTATUS (provider.reason.wsaError; 0 = none). Extension field. */
  readonly wsaError?: number;
  /** The exact deviations the call recorded (provider.reason.lint), in order; [] asserts none. */
  readonly lint?: readonly string[];
  /** connect / incoming / socketConnect: the listening socket the connection was routed to; null: none (refused, or a remote listener). */
  readonly listener?: string | null;
  /** accept: the whole LocalAddress / RemoteAddress buffers after the call; null asserts NULL. */
  readonly localAddress?: Buffer | null;
  readonly remoteAddress?: Buffer | null;
  /** Alias of `irps` (the connection ops' name): the IRPs completed during the step, in order. */
  readonly completedIrps?: readonly IrpExpect[];
  /** advanceTime: how many lingering endpoints the step released. */
  readonly released?: number;
}

interface StepBase {
  readonly index: number;
  readonly expect: StepExpect | undefined;
}

/** WskSocket. */
export interface SocketStep extends StepBase {
  readonly op: 'socket';
  readonly as: string | undefined;
  readonly family: number;
  readonly type: number;
  readonly protocol: number;
  readonly flags: number;
  readonly owner: string | undefined;
  readonly securityDescriptor: string | undefined;
}

/** The six buffer arguments WskControlSocket and WskControlClient share. */
export interface ControlBuffers {
  readonly inputSize: bigint;
  readonly input: BufferSpec;
  readonly outputSize: bigint;
  readonly output: BufferSpec;
  readonly outputSizeReturned: BufferSpec;
  readonly irp: BufferSpec;
}

/** WskControlSocket. */
export interface ControlStep extends StepBase, ControlBuffers {
  readonly op: 'control';
  readonly socket: string;
  readonly requestType: number;
  readonly controlCode: number;
  readonly level: number;
}

/** WskBind. */
export interface BindStep extends StepBase {
  readonly op: 'bind';
  readonly socket: string;
  readonly address: { readonly bytes: Buffer; readonly size: number } | null;
  readonly flags: number;
  readonly irp: BufferSpec;
}

/** WskCloseSocket. */
export interface CloseStep extends StepBase {
  readonly op: 'close';
  readonly socket: string;
  readonly irp: BufferSpec;
}

/** WskControlClient(WSK_CACHE_SD). */
export interface CacheSdStep extends StepBase {
  readonly op: 'cacheSd';
  readonly as: string;
  readonly allow: readonly string[];
}

/** WskControlClient(WSK_RELEASE_SD). */
export interface ReleaseSdStep extends StepBase {
  readonly op: 'releaseSd';
  readonly sd: string;
}

/** Deliver pending IRP completions. */
export interface CompleteStep extends StepBase {
  readonly op: 'complete';
}

/** Harness extension: put a socket in the forced-closed state. */
export interface ForceCloseStep extends StepBase {
  readonly op: 'forceClose';
  readonly socket: string;
}

/** WskControlClient at byte level (vector format extension). */
export interface ControlClientStep extends StepBase, ControlBuffers {
  readonly op: 'controlClient';
  readonly controlCode: number;
}

/** Harness extension: replace the host address list of a family (completes waiting SIO_ADDRESS_LIST_CHANGE IRPs). */
export interface SetAddressListStep extends StepBase {
  readonly op: 'setAddressList';
  readonly family: number;
  readonly addresses: readonly string[];
}

/** Harness extension: mark an event callback in progress, or returned (completes waiting disables). */
export interface CallbackInProgressStep extends StepBase {
  readonly op: 'callbackInProgress';
  readonly socket: string;
  readonly event: number;
  readonly inProgress: boolean;
}

/** Harness extension: register a security-descriptor image (its pointer value is 0x5D000000 + 0x10 * k). */
export interface SdImageStep extends StepBase {
  readonly op: 'sdImage';
  readonly allow: readonly string[];
}

/** Harness extension: set the WFP redirect records or context of a socket. */
export interface RedirectDataStep extends StepBase {
  readonly op: 'setRedirectData';
  readonly socket: string;
  readonly which: 'records' | 'context';
  readonly bytes: Buffer;
}

/** A SOCKADDR argument: an image and the length a size check uses (text forms: the image's own length). */
export type AddressSpec = { readonly bytes: Buffer; readonly size: number } | null;

/** WskListen. */
export interface ListenStep extends StepBase {
  readonly op: 'listen';
  readonly socket: string;
  readonly irp: BufferSpec;
}

/** WskConnect. */
export interface ConnectStep extends StepBase {
  readonly op: 'connect';
  readonly socket: string;
  readonly address: AddressSpec;
  readonly flags: number;
  readonly irp: BufferSpec;
}

/** WskSocketConnect (extension): create, bind and connect; names the new socket `as`. */
export interface SocketConnectStep extends StepBase {
  readonly op: 'socketConnect';
  readonly as: string | undefined;
  readonly type: number;
  readonly protocol: number;
  readonly localAddress: AddressSpec;
  readonly remoteAddress: AddressSpec;
  readonly flags: number;
  readonly owner: string | undefined;
  readonly securityDescriptor: string | undefined;
  readonly irp: BufferSpec;
}

/** Harness: a remote peer at `from` connects to the local address `to`. */
export interface IncomingStep extends StepBase {
  readonly op: 'incoming';
  readonly from: Buffer;
  readonly to: Buffer;
}

/** WskAccept; the accepted socket is named `as` when its IRP completes with success. */
export interface AcceptStep extends StepBase {
  readonly op: 'accept';
  readonly socket: string;
  readonly as: string | undefined;
  readonly flags: number;
  readonly localAddress: BufferSpec;
  readonly remoteAddress: BufferSpec;
  readonly irp: BufferSpec;
}

/** WskDisconnect; `buffer` is the PWSK_BUF pointer value (0 = NULL). */
export interface DisconnectStep extends StepBase {
  readonly op: 'disconnect';
  readonly socket: string;
  readonly buffer: number;
  readonly flags: number;
  readonly irp: BufferSpec;
}

/** Harness: the remote side of a connected socket closes first. */
export interface PeerCloseStep extends StepBase {
  readonly op: 'peerClose';
  readonly socket: string;
}

/** Harness: advance simulated time. */
export interface AdvanceTimeStep extends StepBase {
  readonly op: 'advanceTime';
  readonly seconds: number;
}

/** WskGetLocalAddress / WskGetRemoteAddress into `output`. */
export interface AddressQueryStep extends StepBase {
  readonly op: 'localAddress' | 'remoteAddress';
  readonly socket: string;
  readonly output: BufferSpec;
  readonly irp: BufferSpec;
}

/** Harness: declare a remote listener. */
export interface RemoteStep extends StepBase {
  readonly op: 'remote';
  readonly listen: Buffer;
}

/** Any step. */
export type Step = SocketStep | ControlStep | BindStep | CloseStep | CacheSdStep | ReleaseSdStep | CompleteStep | ForceCloseStep
  | ControlClientStep | SetAddressListStep | CallbackInProgressStep | SdImageStep | RedirectDataStep
  | ListenStep | ConnectStep | SocketConnectStep | IncomingStep | AcceptStep | DisconnectStep | PeerCloseStep | AdvanceTimeStep
  | AddressQueryStep | RemoteStep;

/** One vector: a fresh provider and its steps. */
export interface Vector {
  readonly id: string;
  readonly source: string;
  readonly arch: ArchName;
  readonly profile: ProfileName;
  readonly policy: PolicyPresetName;
  readonly completion: CompletionMode;
  readonly recorded: boolean;
  readonly steps: readonly Step[];
}

/** A parsed vector file. */
export interface VectorFile {
  readonly file: string;
  readonly title: string;
  readonly vectors: readonly Vector[];
}
