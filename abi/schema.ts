/**
 * Types of the declarative ABI tables. This folder holds data only: no imports from src/, no control flow.
 * Every row carries a Citation; abi/README.md states the provenance rules.
 */

/** Identifier of a source snapshot listed in abi/sources.ts. */
export type SourceId =
  | 'D1' | 'D2' | 'W1' | 'S1' | 'H-wsk' | 'H-ws2def' | 'H-ws2ipdef' | 'H-mingw' | 'H-wine-wsk' | 'H-reactos-wsk'
  | 'CALC' | 'WINE-afd' | 'WINE-sock' | 'WINE-netio-test' | 'WINE-server' | 'TRIO' | 'WDS' | 'POLICY' | 'WSKSIM'
  | 'MSQUIC' | 'LIBWSK' | 'WINDRBD' | 'WDRBD';

/** Evidence layer of a fact (STYLE.md "Provenance"). */
export type Layer = 'header' | 'WSK' | 'AFD' | 'user-mode Winsock' | 'policy';

/** Where a row's value comes from: a source snapshot, the place inside it, and the evidence layer. */
export interface Citation {
  readonly ref: SourceId;
  readonly at: string;
  readonly layer: Layer;
}

/** A named numeric ABI value (constant, NTSTATUS, enum member) with its source. */
export interface ValueRow {
  readonly value: number;
  readonly source: Citation;
}

/** The two Windows data models the simulator lays structures out for. */
export type ArchName = 'x86' | 'x64';

/** Sizes of the variable-width C types in one data model. */
export interface ArchSpec {
  readonly name: ArchName;
  readonly pointer: 4 | 8;
  readonly sizeT: 4 | 8;
  readonly ulongPtr: 4 | 8;
  readonly source: Citation;
}

/** Size of a field or structure: a fixed byte count, or one per data model. */
export type ArchSize = number | { readonly x86: number; readonly x64: number };

/** One field of a C structure. */
export interface FieldSpec {
  readonly name: string;
  readonly offset: ArchSize;
  readonly size: ArchSize;
  /** Byte order of the field's value as C code stores it. */
  readonly order: 'le' | 'be' | 'bytes';
}

/** Layout of a C structure (or a scalar treated as one) per data model. */
export interface StructLayout {
  readonly name: string;
  readonly size: ArchSize;
  readonly align: ArchSize;
  readonly fields: readonly FieldSpec[];
  readonly source: Citation;
}

/** WskSocket category (the WSK_FLAG_*_SOCKET value a socket was created with). */
export type SocketCategory = 'basic' | 'listen' | 'connection' | 'datagram' | 'stream';

/** The three WskControlSocket request types (WSK_CONTROL_SOCKET_TYPE members). */
export type RequestTypeName = 'WskSetOption' | 'WskGetOption' | 'WskIoctl';

/** What a control operation says about its IRP: required, optional, or must be NULL. */
export type IrpRule = 'required' | 'optional' | 'null';

/** When an operation is allowed relative to bind/connect. */
export type TimingRule = 'any' | 'beforeBind' | 'afterBind' | 'afterConnect';

/** How an option's payload is interpreted. */
export type PayloadKind = 'ulongBool' | 'ulong'
  // Payload kinds with their own handler (src/provider/ioctl-handlers.ts)
  | 'ifIndexNetOrder' | 'eventCallback' | 'sockaddrOrClear' | 'sizeTQuery' | 'inspectId' | 'registerExtension'
  | 'silentMode' | 'loopbackFastPath' | 'addressListQuery' | 'addressListChange' | 'wfpQuery' | 'wfpSet'
  // PSECURITY_DESCRIPTOR (SO_WSK_SECURITY)
  | 'securityDescriptor';

/** One row of the option table: a (request type, level, code) the simulated provider implements. */
export interface OptionRow {
  readonly name: string;
  readonly requestType: RequestTypeName;
  /** Level constant name; ignored for WskIoctl rows. */
  readonly level: string;
  /** Control code constant name (abi/constants.ts). */
  readonly code: string;
  readonly payload: PayloadKind;
  /** Required InputSize (Set) or minimum OutputSize (Get) in bytes. */
  readonly size: ArchSize;
  /** Bytes written to OutputBuffer on success (0 for Set). */
  readonly returnedSize: ArchSize;
  /** Documented InputSize/InputBuffer of a Get, OutputSize/OutputBuffer of a Set: must be 0/NULL. */
  readonly unusedMustBeNull: boolean;
  /** OutputSizeReturned: must be NULL, may be given, or must be given (no-IRP operations with variable-size output). */
  readonly outputSizeReturned: 'null' | 'optional' | 'required';
  readonly categories: readonly SocketCategory[];
  readonly irp: IrpRule;
  readonly timing: TimingRule;
  /**
   * Socket state slot the option reads or writes ('none': the row keeps no ULONG state). Rows naming the same slot
   * share it; the slots are derived from the rows (abi/options.ts OptionStateName, src/provider/socket.ts).
   */
  readonly state: string;
  readonly defaultValue: number;
  /** Values a strict caller may pass; lenient normalises any nonzero to 1 for ulongBool. */
  readonly domain: readonly number[] | 'any';
  /** State slot that must not be enabled while enabling this one (a slot some row names). */
  readonly mutuallyExclusiveWith: string | null;
  /** Families the option applies to (null = all). */
  readonly families: readonly string[] | null;
  /** Socket types (SOCK_* names) the option applies to; absent or null = all. */
  readonly socketTypes?: readonly string[] | null;
  /** WskIoctl rows: minimum OutputSize in bytes (absent = 0, no output). */
  readonly outputSize?: ArchSize;
  /** Largest value a ULONG option accepts (absent = any). */
  readonly domainMax?: number;
  /** A TCP/IP option missing from SIO_LOOPBACK_FAST_PATH's list of options supported on a fast-path socket. */
  readonly notUnderLoopbackFastPath?: boolean;
  readonly source: readonly Citation[];
}

/** A provider function reachable through a socket's dispatch table. */
export type WskFunctionName =
  | 'WskControlSocket' | 'WskCloseSocket' | 'WskBind' | 'WskListen' | 'WskAccept' | 'WskInspectComplete'
  | 'WskGetLocalAddress' | 'WskGetRemoteAddress' | 'WskConnect' | 'WskSend' | 'WskReceive' | 'WskDisconnect'
  | 'WskRelease' | 'WskSendTo' | 'WskReceiveFrom' | 'WskSendMessages' | 'WskConnectEx' | 'WskSendEx' | 'WskReceiveEx';

/** The provider dispatch table of one socket category. */
export interface DispatchTable {
  readonly category: SocketCategory;
  readonly flag: string;
  readonly structName: string;
  readonly functions: readonly WskFunctionName[];
  readonly source: Citation;
}

/**
 * Strength of the evidence behind a policy entry, strongest first (POLICY.md "Evidence classes"): Microsoft's pages
 * and headers; a test run on Windows asserting its answer (Wine `todo_wine` lines included); calls shipping drivers
 * make and depend on; this project's decision.
 */
export type EvidenceClass = 'documented' | 'measured' | 'real-client' | 'decision';

/** A decided answer to a documentation gap (POLICY.md), named so users can cite and override it. */
export interface PolicyEntry {
  readonly id: string;
  readonly summary: string;
  readonly rationale: string;
  readonly source: Citation;
  /** Evidence class; absent = the class of the source (abi/sources.ts SOURCE_EVIDENCE_CLASS). */
  readonly evidenceClass?: EvidenceClass;
  /**
   * The section of the decided policy (a key of abi/policy.ts POLICY_SECTION_ANCHORS) an entry belongs to when its
   * source is the evidence itself (a documented page) rather than docs/POLICY.md.
   */
  readonly contract?: string;
}

/** A way a call's arguments deviate from the documented parameter table (POLICY.md "Deviations are also reported"). */
export interface DeviationRow {
  readonly id: string;
  /** One line: what the caller passed that the table says must be 0/NULL. */
  readonly description: string;
  readonly source: Citation;
  /** The rule that refuses the call when this deviation decides; absent: check 10 (unused-args-null). */
  readonly rule?: string;
}

/** A function and request type whose calls an evidence-based entry changes (WskControlClient has no request type). */
export type ControlCallName = RequestTypeName | 'WskControlClient';

/** What an evidence-based entry of a preset changes, as data the provider compiles at construction. */
export type EvidenceEffect =
  /** The deviation is reported but does not decide (check 10 passes it) for these calls. */
  | {
    readonly kind: 'tolerate-deviation';
    readonly deviation: string;
    readonly calls: readonly ControlCallName[];
    /** 'given': only when the call supplies an IRP; 'any': with or without. */
    readonly irp: 'given' | 'any';
  }
  /** Check 7b also passes the rows (request type, level, each code) on sockets of these families and types. */
  | {
    readonly kind: 'extend-applicability';
    readonly requestTypes: readonly RequestTypeName[];
    readonly level: string;
    readonly codes: readonly string[];
    readonly families: readonly string[];
    readonly socketTypes: readonly string[];
    /** Only on a dual-stack socket: AF_INET6 with IPV6_V6ONLY 0 when the call is judged. */
    readonly dualStackOnly?: boolean;
  }
  /**
   * Check 12's "before bind" rule does not refuse a WskSetOption of these rows on a connected socket (a connection
   * socket after WskConnect / WskSocketConnect, or an accepted socket): the value is stored, without effect on the
   * existing binding (the `lenient` answer, for these rows and that state only).
   */
  | {
    readonly kind: 'store-after-bind';
    readonly level: string;
    readonly codes: readonly string[];
    readonly state: 'connected';
  }
  /** WskBind's LocalAddress check (bind-address) answers these statuses instead of STATUS_INVALID_PARAMETER. */
  | {
    readonly kind: 'bind-address-status';
    /** sa_family is not the socket's, or the length is below that family's SOCKADDR (NTSTATUS name). */
    readonly mismatch: string;
    /** The length cannot hold the 2-byte sa_family field (NTSTATUS name). */
    readonly noFamilyField: string;
  };

/** An evidence-based policy entry: a named difference of a preset from `strict`, with its evidence. */
export interface PresetEntry extends PolicyEntry {
  readonly evidenceClass: EvidenceClass;
  /** Presets that apply the entry. */
  readonly presets: readonly string[];
  /** Every piece of evidence (source is the first). */
  readonly evidence: readonly Citation[];
  readonly effect: EvidenceEffect;
}

/** Address-sharing option of a bind (BIND-RULES.md §0): D = no option, R = SO_REUSEADDR, E = SO_EXCLUSIVEADDRUSE. */
export type ShareMode = 'D' | 'R' | 'E';

/** Address kind of a bind: W = the stack's wildcard (0.0.0.0 or ::), S = a specific address. */
export type AddressKind = 'W' | 'S';

/** A bind as the sharing tables name it: option and address kind, e.g. "E-W". */
export type BindKind = `${ShareMode}-${AddressKind}`;

/** A sharing-table cell value (BIND-RULES.md §0): CHECK is an access check against the first socket's descriptor. */
export type SharingOutcome = 'SUCCESS' | 'INUSE' | 'DENIED' | 'CHECK';

/** Which owner relation a cell applies to: any, or only the same / different owner of the two sockets. */
export type OwnerRelation = 'any' | 'same' | 'different';

/**
 * One cell of a sharing table: the outcome of binding `second` to an address already used by `first`.
 * `id` is `<profile>[.<table>]:<FIRST>/<SECOND>`, first and second in bind order whatever the source table's
 * orientation (abi/sharing-rules.ts header).
 */
export interface SharingCell {
  readonly id: string;
  readonly first: BindKind;
  readonly second: BindKind;
  readonly owners: OwnerRelation;
  readonly outcome: SharingOutcome;
  /** One sentence: which bind over which binding, and what the table answers (describeRule shows it). */
  readonly description: string;
  readonly source: Citation;
}

/** What a refusing outcome reports: the NTSTATUS name and the Winsock error name. */
export interface OutcomeReport {
  readonly status: string;
  readonly wsaError: string;
  readonly source: Citation;
}

/** One table of a profile: its cells, in the source document's own row order. */
export interface SharingTable {
  /** Table name used in cell ids (e.g. "B"), or "" for a profile's only table. */
  readonly name: string;
  readonly title: string;
  /** The source document's orientation, verbatim (for humans; cells are stored first/second). */
  readonly orientation: string;
  readonly owners: OwnerRelation;
  readonly cells: readonly SharingCell[];
}

/** An address-sharing rule set: tables, measured override cells (which win), and outcome reporting. */
export interface SharingProfile {
  readonly name: 'wsk' | 'winsock' | 'winsock-xp';
  readonly title: string;
  readonly tables: readonly SharingTable[];
  /** Cells measured on Windows that replace a table cell; each cites the measurement. */
  readonly overrides: readonly SharingCell[];
  readonly inuse: OutcomeReport;
  readonly denied: OutcomeReport;
}
