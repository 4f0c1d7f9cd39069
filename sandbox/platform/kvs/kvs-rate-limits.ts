// Forge's per-installation storage limits ("KVS and Custom Entity Store limits", Operation limits per
// installation): a request rate per second, and read and write volume per minute counted in 10 KB
// units. Over any of them the service answers 429 RATE_LIMIT_EXCEEDED (a transaction:
// TOO_MANY_REQUESTS), which @forge/kvs raises as ForgeKvsAPIError.
//
// The docs leave the window shape open. Trailing windows on the sandbox clock are used: a request at
// t counts until t + 1 s (the rate) and t + 1 min (the volumes). Fixed windows (the calendar second
// and minute) would let twice a limit through across a boundary (4000 units at 59.9 s, 4000 more at
// 60.1 s), kinder than any reading of "per minute". On a manual clock the requests an invocation
// makes while time stands still all land on one virtual instant and are counted together, as
// simultaneous requests would be; a jump of the clock lets what it passes leave the windows, no more.
import { KvsHttpError } from './kvs-limits';
import { RATE_UNIT_BYTES, type StorageRateLimits } from './kvs-strictness';

export type StorageOpKind = 'read' | 'write';

const WRITE_OPS = new Set(['set', 'secret/set', 'entity/set', 'delete', 'secret/delete', 'entity/delete', 'batch/set', 'batch/delete', 'transaction']);

export const kindOf = (route: string): StorageOpKind => (WRITE_OPS.has(route) ? 'write' : 'read');

/** Units a request of `bytes` costs: "Requests that are 10KB or smaller are counted as 1 request". */
export const unitsOf = (bytes: number): number => Math.max(1, Math.ceil(bytes / RATE_UNIT_BYTES));

export interface RateStats { requests: number; readUnits: number; writeUnits: number; refused: number }

/** What was spent in the trailing `span` ms, kept per instant (requests at one instant share an entry). */
export class TrailingWindow {
  private readonly entries: Array<{ at: number; n: number }> = [];
  private head = 0;
  private sum = 0;

  constructor(private readonly span: number) {}

  /** Spent in (now - span, now]. */
  total(now: number): number {
    while (this.head < this.entries.length && this.entries[this.head]!.at <= now - this.span) this.sum -= this.entries[this.head++]!.n;
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
    return this.sum;
  }

  add(now: number, n: number): void {
    const last = this.entries.at(-1);
    if (last && last.at === now && this.head < this.entries.length) last.n += n;
    else this.entries.push({ at: now, n });
    this.sum += n;
  }
}

export class StorageRateLimiter {
  private readonly second = new TrailingWindow(1_000);
  private readonly reads = new TrailingWindow(60_000);
  private readonly writes = new TrailingWindow(60_000);
  readonly stats: RateStats = { requests: 0, readUnits: 0, writeUnits: 0, refused: 0 };

  constructor(private readonly now: () => number, private readonly limits: () => StorageRateLimits | null) {}

  /** Before a request is served: refuses it when a window is already spent, else counts it. */
  admit(route: string, requestBytes: number): void {
    const limits = this.limits();
    const now = this.now();
    const kind = kindOf(route);
    const units = kind === 'write' ? unitsOf(requestBytes) : 1;
    if (limits) {
      const used = (kind === 'write' ? this.writes : this.reads).total(now);
      const perMinute = kind === 'write' ? limits.writeUnitsPerMinute : limits.readUnitsPerMinute;
      const what =
        this.second.total(now) >= limits.requestsPerSecond ? `${limits.requestsPerSecond} requests per second`
        // A single request larger than the whole budget passes into an empty window (else it never could).
        : used + units > perMinute && used > 0 ? `${perMinute} ${kind} units (10 KB each) per minute`
        : null;
      if (what) {
        this.stats.refused++;
        const code = route === 'transaction' ? 'TOO_MANY_REQUESTS' : 'RATE_LIMIT_EXCEEDED';
        throw new KvsHttpError(429, code, `This installation exceeded its storage limit of ${what}. Retry later.`);
      }
    }
    this.second.add(now, 1);
    this.stats.requests++;
    if (kind === 'write') {
      this.writes.add(now, units);
      this.stats.writeUnits += units;
    }
  }

  /** After a read is served: its units, sized by the larger of request and answer. */
  chargeRead(route: string, requestBytes: number, answerBytes: number): void {
    if (kindOf(route) !== 'read') return;
    const units = unitsOf(Math.max(requestBytes, answerBytes));
    this.reads.add(this.now(), units);
    this.stats.readUnits += units;
  }
}
