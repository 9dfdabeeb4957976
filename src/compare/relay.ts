/**
 * A running relay process (wskconf-relay.exe, under Wine or natively): vectors in, answer frames out, over its
 * stdin and stdout. A relay that dies or stops answering is reported per vector and restarted by the caller.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { decodeProvider, encodeFrame, FRAME, FrameError, FrameStream, type Frame, type ProviderInfo } from './frames';

/** The relay process ended or stopped answering: the message says how. */
export class RelayError extends Error {
  constructor(message: string, readonly reason: 'exited' | 'timeout' | 'garbage') {
    super(message);
  }
}

/** One relay process and its framed stdout. */
export class RelaySession {
  private readonly stream = new FrameStream();
  private frames: Frame[] = [];
  private waiter: (() => void) | undefined;
  private exited: string | undefined;
  private stderr = '';

  private constructor(private readonly child: ChildProcessWithoutNullStreams, readonly info: ProviderInfo | undefined) {}

  /** Start `command args` and wait for its PROVIDER frame (at most `startTimeoutMs`). */
  static async start(command: string, args: readonly string[], env: NodeJS.ProcessEnv, startTimeoutMs: number): Promise<RelaySession> {
    const child = spawn(command, [...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const s = new RelaySession(child, undefined);
    s.attach();
    const first = await s.nextFrame(startTimeoutMs);
    if (first.type !== FRAME.PROVIDER) {
      s.kill();
      throw new RelayError(`relay: first frame has type 0x${first.type.toString(16)}, expected PROVIDER`, 'garbage');
    }
    (s as { info: ProviderInfo | undefined }).info = decodeProvider(first.payload);
    return s;
  }

  private attach(): void {
    this.child.stdout.on('data', (d: Buffer) => {
      try {
        this.frames.push(...this.stream.push(d));
      } catch (e) {
        this.exited = `relay sent garbage: ${(e as Error).message}`;
        this.kill();
      }
      this.wake();
    });
    this.child.stderr.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString('utf8')).slice(-4000); });
    this.child.on('error', (e) => { this.exited ??= `relay could not run: ${e.message}`; this.wake(); });
    this.child.on('exit', (code, signal) => {
      this.exited ??= `relay exited (${signal ?? `status ${code}`})${this.lastStderr()}`;
      this.wake();
    });
    this.child.stdin.on('error', () => { /* reported through 'exit' */ });
  }

  private lastStderr(): string {
    const lines = this.stderr.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('wskconf-relay:'));
    return lines.length ? `: ${lines[lines.length - 1]!.replace(/^wskconf-relay: /, '')}` : '';
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  /** Whether the process still runs. */
  get alive(): boolean {
    return this.exited === undefined;
  }

  private async nextFrame(timeoutMs: number): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = this.frames.shift();
      if (f !== undefined) return f;
      if (this.exited !== undefined) throw new RelayError(this.exited, this.exited.includes('garbage') ? 'garbage' : 'exited');
      const left = deadline - Date.now();
      if (left <= 0) throw new RelayError(`relay: no answer within ${timeoutMs} ms`, 'timeout');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { this.waiter = undefined; resolve(); }, left);
        this.waiter = () => { clearTimeout(timer); resolve(); };
      });
    }
  }

  /** Send one vector's frames and collect its answer frames up to VECTOR_END. */
  async runVector(frames: Buffer, timeoutMs: number): Promise<Frame[]> {
    if (this.exited !== undefined) throw new RelayError(this.exited, 'exited');
    this.child.stdin.write(frames);
    const out: Frame[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = await this.nextFrame(Math.max(1, deadline - Date.now()));
      out.push(f);
      if (f.type === FRAME.VECTOR_END) return out;
      if (out.length > 100000) throw new FrameError('more than 100000 frames for one vector');
    }
  }

  /** Ask the relay to end (BYE) and wait for it (at most `timeoutMs`), then kill it. */
  async close(timeoutMs = 5000): Promise<void> {
    if (this.exited === undefined) {
      const bye = Buffer.alloc(4);
      this.child.stdin.write(encodeFrame(FRAME.BYE, 0, bye));
      this.child.stdin.end();
      const deadline = Date.now() + timeoutMs;
      while (this.exited === undefined && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => { this.waiter = undefined; resolve(); }, deadline - Date.now());
          this.waiter = () => { clearTimeout(timer); resolve(); };
        });
      }
    }
    this.kill();
  }

  /** Kill the process now. */
  kill(): void {
    this.exited ??= 'relay stopped';
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
