/**
 * wsksim: a byte-exact simulator of the Windows Winsock Kernel (WSK) control surface.
 */
export { WskProvider, type ProviderOptions, type SocketParams, type SocketResult, type Reason, type ProfileName, type CompletionMode, type CompletionHook } from './provider/provider';
export { Fault, isFault, faultName, resultName } from './provider/result';
export { STATUS, LEVEL, CODE, AF, SOCK, PROTO, WSK_FLAG, REQUEST, WSA, statusName, constantValue } from './codec/names';
export { LAYOUTS, layoutOf, type ArchLayout } from './codec/layout';
export { encodeSockaddrText, decodeSockaddr, formatAddress, type TransportAddress } from './codec/sockaddr';
export { AbiUsageError, VectorFormatError } from './errors';
export { CONTROL_CHECKS, BIND_CHECKS, POLICY_ENTRIES, POLICY_PRESETS, FAULT_NAMES } from '../abi/policy';
export { OPTION_ROWS } from '../abi/options';
export { SHARING_PROFILES, BIND_KINDS } from '../abi/sharing-rules';
export { sharingRules, type SharingRules, type CompiledCell } from './provider/sharing';
