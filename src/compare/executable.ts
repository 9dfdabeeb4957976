/**
 * Which vectors and steps a real provider can execute through the conformance driver, and why not when not.
 * Each entry is a named decision of the comparison (docs/MEASURING.md "What is not sent"), never a silent skip.
 */
import { CLIENT_CODE, CODE, LEVEL, REQUEST } from '../codec/names';
import type { Step, Vector } from '../vectors/types';

/** A reason a vector is not sent to the external provider. */
export interface SkipReason {
  /** Stable identifier, used in the summary. */
  readonly id: string;
  readonly text: string;
}

/** Steps only the simulator's harness can take: they act on state no WSK client can reach. */
export const HARNESS_ONLY_OPS: Readonly<Partial<Record<Step['op'], SkipReason>>> = {
  forceClose: { id: 'harness-step', text: 'forceClose is a harness step (a socket forced closed under the client)' },
  setAddressList: { id: 'harness-step', text: 'setAddressList is a harness step (the host address list changes)' },
  callbackInProgress: { id: 'harness-step', text: 'callbackInProgress is a harness step (an event callback in progress)' },
  sdImage: { id: 'harness-step', text: 'sdImage is a harness step (a security-descriptor image at a made-up address)' },
  setRedirectData: { id: 'harness-step', text: 'setRedirectData is a harness step (WFP redirect records)' },
  cacheSd: { id: 'named-sd', text: 'cacheSd names a modelled descriptor (a set of principals); the driver has no such descriptor' },
  releaseSd: { id: 'named-sd', text: 'releaseSd names a modelled descriptor; the driver has no such descriptor' },
  incoming: { id: 'harness-step', text: 'incoming is a harness step (a remote peer connects)' },
  peerClose: { id: 'harness-step', text: 'peerClose is a harness step (the remote side closes)' },
  advanceTime: { id: 'harness-step', text: 'advanceTime is a harness step (simulated time)' },
  remote: { id: 'harness-step', text: 'remote is a harness step (a listener on another machine)' },
  listen: { id: 'connection-call', text: 'listen: the conformance driver does not send connection calls' },
  connect: { id: 'connection-call', text: 'connect: the conformance driver does not send connection calls' },
  socketConnect: { id: 'connection-call', text: 'socketConnect: the conformance driver does not send connection calls' },
  accept: { id: 'connection-call', text: 'accept: the conformance driver does not send connection calls' },
  disconnect: { id: 'connection-call', text: 'disconnect: the conformance driver does not send connection calls' },
  localAddress: { id: 'connection-call', text: 'localAddress: the conformance driver does not send connection calls' },
  remoteAddress: { id: 'connection-call', text: 'remoteAddress: the conformance driver does not send connection calls' },
};

/** Control operations whose input carries pointer values: a real provider would dereference a made-up address. */
export const POINTER_INPUTS: readonly { readonly op: 'control' | 'controlClient'; readonly code: number; readonly level?: number; readonly request?: number; readonly why: string }[] = [
  { op: 'control', code: CODE.SO_WSK_EVENT_CALLBACK, level: LEVEL.SOL_SOCKET, why: 'WSK_EVENT_CALLBACK_CONTROL.NpiId is a pointer' },
  { op: 'control', code: CODE.SO_WSK_SECURITY, level: LEVEL.SOL_SOCKET, request: REQUEST.WskSetOption, why: 'the input is a PSECURITY_DESCRIPTOR value' },
  { op: 'control', code: CODE.SIO_WSK_REGISTER_EXTENSION, why: 'WSK_EXTENSION_CONTROL_IN holds pointers' },
  { op: 'controlClient', code: CLIENT_CODE.WSK_CACHE_SD, why: 'the input is a PSECURITY_DESCRIPTOR value' },
  { op: 'controlClient', code: CLIENT_CODE.WSK_RELEASE_SD, why: 'the input is a cached PSECURITY_DESCRIPTOR value' },
  { op: 'controlClient', code: CLIENT_CODE.WSK_SET_STATIC_EVENT_CALLBACKS, why: 'WSK_EVENT_CALLBACK_CONTROL.NpiId is a pointer' },
];

/** Why the driver cannot run this vector as written, or undefined when it can. */
export function vectorSkipReason(v: Vector): SkipReason | undefined {
  if (v.arch !== 'x64') {
    return { id: 'arch-x86', text: 'x86 vector: the conformance driver is x64 (an x86 run needs a 32-bit Windows)' };
  }
  const owners = new Set<string>();
  for (const s of v.steps) {
    const h = HARNESS_ONLY_OPS[s.op];
    if (h !== undefined) return { id: h.id, text: `step ${s.index}: ${h.text}` };
    if (s.op === 'socket') {
      owners.add(s.owner ?? 'system');
      if (s.securityDescriptor !== undefined) {
        return { id: 'named-sd', text: `step ${s.index}: the socket names a modelled security descriptor (${s.securityDescriptor})` };
      }
    }
    if (s.op === 'bind' && s.address !== null && s.address.size !== s.address.bytes.length) {
      return { id: 'address-size', text: `step ${s.index}: a LocalAddress size (${s.address.size}) other than its ${s.address.bytes.length} bytes: WskBind has no length argument in C` };
    }
    if (s.op === 'control' || s.op === 'controlClient') {
      const level = s.op === 'control' ? s.level : undefined;
      const request = s.op === 'control' ? s.requestType : undefined;
      const p = POINTER_INPUTS.find((x) => x.op === s.op && x.code === s.controlCode
        && (x.level === undefined || x.level === level) && (x.request === undefined || x.request === request));
      if (p !== undefined && s.input !== null && s.inputSize > 0n) {
        return { id: 'pointer-input', text: `step ${s.index}: ${p.why}; the driver sends no made-up addresses` };
      }
    }
  }
  if (owners.size > 1) {
    return { id: 'owners', text: `sockets of ${owners.size} owners (${[...owners].join(', ')}): the driver is one security context` };
  }
  return undefined;
}
