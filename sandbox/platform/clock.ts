// The platform's notion of time. `real` follows the wall clock (npm start); `manual` stands still until
// a test calls advance(ms), which fires queue deliveries, retries and scheduled triggers in time order.

export interface ClockOptions { mode?: 'manual' | 'real'; start?: number | Date }

interface Task { at: number; seq: number; run: () => void; background: boolean; timer?: NodeJS.Timeout; done: boolean }

export class SandboxClock {
  readonly mode: 'manual' | 'real';
  private current: number;
  private seq = 0;
  private readonly tasks = new Set<Task>();
  private readonly quiescers = new Set<() => Promise<void>>();
  private flushQueued = false;

  constructor(options: ClockOptions = {}) {
    this.mode = options.mode ?? 'real';
    const start = options.start instanceof Date ? options.start.getTime() : options.start;
    this.current = start ?? Date.now();
  }

  now(): number {
    return this.mode === 'real' ? Date.now() : this.current;
  }

  /**
   * Runs `run` at time `at`. Background tasks (recurring schedules) never count as pending work in
   * real mode, so idle() does not wait for the next weekly trigger. Returns a cancel function.
   */
  schedule(at: number, run: () => void, options: { background?: boolean } = {}): () => void {
    const task: Task = { at, seq: this.seq++, run, background: options.background === true, done: false };
    this.tasks.add(task);
    if (this.mode === 'real') {
      task.timer = setTimeout(() => this.fire(task), Math.max(0, at - Date.now()));
      if (task.background) task.timer.unref();
    } else if (at <= this.current) {
      this.queueFlush();
    }
    return () => {
      if (task.timer) clearTimeout(task.timer);
      task.done = true;
      this.tasks.delete(task);
    };
  }

  /** Whether some task is due now (manual) or pending at all (real, background tasks excepted). */
  hasPending(): boolean {
    for (const t of this.tasks) {
      if (this.mode === 'manual' ? t.at <= this.current : !t.background) return true;
    }
    return false;
  }

  /** Lets advance() wait for the work a fired task started (the platform registers idle()). */
  addQuiescer(fn: () => Promise<void>): () => void {
    this.quiescers.add(fn);
    return () => this.quiescers.delete(fn);
  }

  /** Moves manual time forward by `ms`, firing every task that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    if (this.mode !== 'manual') throw new Error('SandboxClock.advance() needs a clock created with { mode: "manual" }');
    if (!(ms >= 0)) throw new Error(`SandboxClock.advance(ms): ms must be a non-negative number, got ${ms}`);
    const target = this.current + ms;
    await this.quiesce();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.current = Math.max(this.current, next.at);
      this.flush();
      await this.quiesce();
    }
    this.current = target;
    this.flush();
    await this.quiesce();
  }

  cancelAll(): void {
    for (const t of this.tasks) if (t.timer) clearTimeout(t.timer);
    this.tasks.clear();
  }

  private earliest(): Task | undefined {
    let best: Task | undefined;
    for (const t of this.tasks) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    const due = [...this.tasks].filter((t) => t.at <= this.current).sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const t of due) this.fire(t);
  }

  private fire(task: Task): void {
    if (task.done) return;
    task.done = true;
    this.tasks.delete(task);
    task.run();
  }

  private async quiesce(): Promise<void> {
    for (const q of this.quiescers) await q();
  }
}
