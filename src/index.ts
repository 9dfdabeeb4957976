/**
 * wsksim: a byte-exact simulator of the Windows Winsock Kernel (WSK) control surface.
 *
 * Library entry points:
 * - {@link WskProvider}: the simulated provider (WskSocket, WskBind, WskCloseSocket, WskControlSocket) taking Node
 *   Buffers laid out like the C arguments; results are numbers (NTSTATUS >= 0, faults < 0, see {@link isFault}).
 * - Vectors (`wsksim/vectors@1`, docs/VECTORS.md): {@link parseVectorFile}, {@link loadVectorFile},
 *   {@link runVector}, {@link runSuite}, {@link parseKnownFailures}, {@link recordVectors}.
 * - Constants by name ({@link STATUS}, {@link CODE}, {@link LEVEL}, ...), structure layouts ({@link LAYOUTS}),
 *   SOCKADDR text encoding ({@link encodeSockaddrText}) and the ABI tables with their citations.
 */

// The provider and its results.
export {
  WskProvider, type ProviderOptions, type SocketParams, type SocketConnectParams, type SocketResult, type Reason, type LiveReason, type ProfileName,
  type CompletionMode, type CompletionHook, type DeliveryFault,
} from './provider/provider';
export { Fault, isFault, faultName, resultName } from './provider/result';

// Constants by name, layouts, addresses, hex.
export {
  STATUS, LEVEL, CODE, AF, SOCK, PROTO, WSK_FLAG, IO_FLAG, REQUEST, WSA, statusName, constantValue, constantNames,
} from './codec/names';
export { LAYOUTS, layoutOf, type ArchLayout } from './codec/layout';
export { encodeSockaddrText, decodeSockaddr, formatAddress, type TransportAddress } from './codec/sockaddr';
export { parseHex, toHex } from './codec/hex';

// Errors: misuse of the TypeScript API, and malformed vector files.
export { AbiUsageError, VectorFormatError } from './errors';

// Vectors: reader, runner, suite (known failures), recorder, rule descriptions.
export { parseVectorFile } from './vectors/reader';
export { runVector, type RunOptions, type StepTrace, type VectorResult, type Mismatch } from './vectors/runner';
export {
  runSuite, loadVectorFile, parseKnownFailures, expandPaths, KNOWN_FAILURES_FILE,
  type SuiteSummary, type VectorOutcome, type Outcome,
} from './vectors/suite';
export { recordVectors, expectationsOf, type RecordOptions, type RecordResult, type RecordConflict } from './vectors/record';
export { describeRule, formatRule, formatCitation, registerRules, addRuleModule, type RuleInfo } from './vectors/rules';
export {
  VECTOR_FORMAT, type VectorFile, type Vector, type Step, type StepExpect, type IrpExpect, type BufferSpec,
} from './vectors/types';

// The ABI tables (data with citations).
export { CONTROL_CHECKS, BIND_CHECKS, CLIENT_CHECKS, OUTCOME_RULES, POLICY_ENTRIES, POLICY_PRESETS, FAULT_NAMES, type FaultName, type PolicyPresetName, type PolicySettings, type RuleId } from '../abi/policy';
export { PRESET_ENTRIES } from '../abi/policy';
export { DEVIATIONS, type DeviationId } from '../abi/deviations';
export { SOURCE_EVIDENCE_CLASS } from '../abi/sources';
export { lintNotes, formatLint, type LintNote } from './vectors/lint';
export { OPTION_ROWS } from '../abi/options';
export { DISPATCH_TABLES } from '../abi/dispatch';
export { SHARING_PROFILES, BIND_KINDS } from '../abi/sharing-rules';
export { sharingRules, type SharingRules, type CompiledCell } from './provider/sharing';
export { SOURCES } from '../abi/sources';
export type { ArchName, Citation, OptionRow, SocketCategory, PolicyEntry, PresetEntry, EvidenceClass, EvidenceEffect, DeviationRow } from '../abi/schema';

// The package version.
export { packageVersion } from './version';
