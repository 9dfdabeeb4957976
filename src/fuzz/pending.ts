/**
 * IRP-based calls that returned STATUS_PENDING and are not completed yet: what their completion is checked against
 * (the call's op, option row, declared OutputSize, buffers and socket).
 */

/** Ops of the calls and steps a case runs. */
export type Op = 'socket' | 'control' | 'controlClient' | 'bind' | 'close' | 'cacheSd' | 'releaseSd' | 'complete' | 'setAddressList' | 'forceClose'
  | 'incoming' | 'accept' | 'disconnect' | 'peerClose' | 'advanceTime';

/** The pending calls of one run (structure of arrays, reused from case to case). */
export class PendingCalls {
  count = 0;
  /** The IRP view handed to the provider (null once completed). */
  readonly irp: (Uint8Array | null)[] = [];
  readonly step: number[] = [];
  readonly op: Op[] = [];
  readonly row: (string | null)[] = [];
  readonly declaredOut: number[] = [];
  /** Arena buffer indexes (-1: none). */
  readonly outB: number[] = [];
  readonly osrB: number[] = [];
  readonly irpB: number[] = [];
  readonly addrB: number[] = [];
  readonly socket: number[] = [];

  reset(): void {
    this.count = 0;
  }

  add(irp: Uint8Array, step: number, op: Op, row: string | null, declaredOut: number, outB: number, osrB: number, irpB: number, socket: number, addrB: number): void {
    const k = this.count++;
    this.irp[k] = irp;
    this.step[k] = step;
    this.op[k] = op;
    this.row[k] = row;
    this.declaredOut[k] = declaredOut;
    this.outB[k] = outB;
    this.osrB[k] = osrB;
    this.irpB[k] = irpB;
    this.socket[k] = socket;
    this.addrB[k] = addrB;
  }

  /** The pending call of this IRP (it is no longer pending), or -1. */
  take(irp: Uint8Array): number {
    for (let k = 0; k < this.count; k++) {
      if (this.irp[k] === irp) { this.irp[k] = null; return k; }
    }
    return -1;
  }
}
