// Forge's per-installation storage limits ("KVS and Custom Entity Store limits", Operation limits per
// installation): a request rate per second, and read and write volume per minute counted in 10 KB
// units. Over any of them the service answers 429 RATE_LIMIT_EXCEEDED (a transaction:
// TOO_MANY_REQUESTS), which @forge/kvs raises as ForgeKvsAPIError. The docs leave the window shape
// open; fixed windows on the sandbox clock (the second, the minute) are used.
import { KvsHttpError } from './kvs-limits';
import { RATE_UNIT_BYTES, type StorageRateLimits } from './kvs-strictness';

export type StorageOpKind = 'read' | 'write';

const WRITE_OPS = new Set(['set', 'secret/set', 'entity/set', 'delete', 'secret/delete', 'entity/delete', 'batch/set', 'batch/delete', 'transaction']);

export const kindOf = (route: string): StorageOpKind => (WRITE_OPS.has(route) ? 'write' : 'read');

/** Units a request of `bytes` costs: "Requests that are 10KB or smaller are counted as 1 request". */
export const unitsOf = (bytes: number): number => Math.max(1, Math.ceil(bytes / RATE_UNIT_BYTES));

export interface RateStats { requests: number; readUnits: number; writeUnits: number; refused: number }

export class StorageRateLimiter {
  private second = { at: -1, count: 0 };
  private minute = { at: -1, read: 0, write: 0 };
  readonly stats: RateStats = { requests: 0, readUnits: 0, writeUnits: 0, refused: 0 };

  constructor(private readonly now: () => number, private readonly limits: () => StorageRateLimits | null) {}

  private windows(): void {
    const now = this.now();
    const s = Math.floor(now / 1000);
    const m = Math.floor(now / 60_000);
    if (this.second.at !== s) this.second = { at: s, count: 0 };
    if (this.minute.at !== m) this.minute = { at: m, read: 0, write: 0 };
  }

  /** Before a request is served: refuses it when a window is already spent, else counts it. */
  admit(route: string, requestBytes: number): void {
    const limits = this.limits();
    this.windows();
    const kind = kindOf(route);
    if (limits) {
      const units = kind === 'write' ? unitsOf(requestBytes) : 1;
      const used = kind === 'write' ? this.minute.write : this.minute.read;
      const perMinute = kind === 'write' ? limits.writeUnitsPerMinute : limits.readUnitsPerMinute;
      const what =
        this.second.count >= limits.requestsPerSecond ? `${limits.requestsPerSecond} requests per second`
        : used + units > perMinute && used > 0 ? `${perMinute} ${kind} units (10 KB each) per minute`
        : null;
      if (what) {
        this.stats.refused++;
        const code = route === 'transaction' ? 'TOO_MANY_REQUESTS' : 'RATE_LIMIT_EXCEEDED';
        throw new KvsHttpError(429, code, `This installation exceeded its storage limit of ${what}. Retry later.`);
      }
    }
    this.second.count++;
    this.stats.requests++;
    if (kind === 'write') {
      const units = unitsOf(requestBytes);
      this.minute.write += units;
      this.stats.writeUnits += units;
    }
  }

  /** After a read is served: its units, sized by the larger of request and answer. */
  chargeRead(route: string, requestBytes: number, answerBytes: number): void {
    if (kindOf(route) !== 'read') return;
    this.windows();
    const units = unitsOf(Math.max(requestBytes, answerBytes));
    this.minute.read += units;
    this.stats.readUnits += units;
  }
}
