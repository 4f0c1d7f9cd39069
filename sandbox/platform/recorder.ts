// Everything an installation did, in order, so tests and the benchmark can count it. Bounded: a
// sandbox left running (npm start polls and pings every five minutes) keeps the newest entries
// only, so its memory does not grow for ever; `dropped` says how many older ones went.
import type { InvocationKind, InvocationOutcome } from './types';

export type RecordEntry =
  | { kind: 'invocation'; moduleKey: string; moduleType: InvocationKind; outcome: InvocationOutcome; durationMs: number; error?: string }
  | { kind: 'product'; moduleKey: string; method: string; path: string; status: number; asUser: boolean; accountId?: string }
  | { kind: 'kvs'; moduleKey: string; op: string; status: number; code?: string; requestBytes?: number; answerBytes?: number }
  | { kind: 'egress'; moduleKey: string; method: string; url: string; host: string; status: number; refused?: string }
  | { kind: 'queue'; moduleKey: string; op: 'push' | 'refuse' | 'deliver' | 'duplicate' | 'retry' | 'drop' | 'stall'; queue: string; events?: number; eventId?: string; reason?: string }
  | { kind: 'event'; moduleKey: string; op: 'retry' | 'drop' | 'duplicate'; eventType: string; reason?: string };

export type RecordKind = RecordEntry['kind'];
type Filter = Partial<Record<string, unknown>> & { kind?: RecordKind };

/** Far more than any test or benchmark phase records between resets. */
export const RECORDER_MAX_ENTRIES = 100_000;

export class Recorder {
  private list: Array<RecordEntry & { at: number }> = [];
  /** Entries dropped (oldest first) to stay within `maxEntries` since the last reset. */
  dropped = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries: number = RECORDER_MAX_ENTRIES,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`Recorder: maxEntries must be a positive integer, got ${maxEntries}`);
  }

  add(entry: RecordEntry): void {
    this.list.push({ ...entry, at: this.now() });
    if (this.list.length > this.maxEntries) {
      // A tenth at a time, so trimming costs little per entry.
      const excess = this.list.length - this.maxEntries + Math.ceil(this.maxEntries / 10);
      this.list.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** Entries whose fields equal every field of `filter` (all entries when no filter). */
  entries<K extends RecordKind>(filter?: Filter & { kind: K }): Array<Extract<RecordEntry, { kind: K }> & { at: number }>;
  entries(filter?: Filter): Array<RecordEntry & { at: number }>;
  entries(filter: Filter = {}): Array<RecordEntry & { at: number }> {
    return this.list.filter((e) => Object.entries(filter).every(([k, v]) => (e as Record<string, unknown>)[k] === v));
  }

  count(filter: Filter = {}): number {
    return this.entries(filter).length;
  }

  reset(): void {
    this.list = [];
    this.dropped = 0;
  }
}
