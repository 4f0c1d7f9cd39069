// Everything an installation did, in order, so tests and the benchmark can count it.
import type { InvocationKind, InvocationOutcome } from './types';

export type RecordEntry =
  | { kind: 'invocation'; moduleKey: string; moduleType: InvocationKind; outcome: InvocationOutcome; durationMs: number; error?: string }
  | { kind: 'product'; moduleKey: string; method: string; path: string; status: number; asUser: boolean; accountId?: string }
  | { kind: 'kvs'; moduleKey: string; op: string; status: number; code?: string }
  | { kind: 'egress'; moduleKey: string; method: string; url: string; host: string; status: number; refused?: string }
  | { kind: 'queue'; moduleKey: string; op: 'push' | 'deliver' | 'retry' | 'drop'; queue: string; events?: number; eventId?: string; reason?: string };

export type RecordKind = RecordEntry['kind'];
type Filter = Partial<Record<string, unknown>> & { kind?: RecordKind };

export class Recorder {
  private list: Array<RecordEntry & { at: number }> = [];

  constructor(private readonly now: () => number = Date.now) {}

  add(entry: RecordEntry): void {
    this.list.push({ ...entry, at: this.now() });
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
  }
}
