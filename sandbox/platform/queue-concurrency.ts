// Forge's concurrency control for async events: an event pushed with `concurrency: { key, limit }`
// is processed only while fewer than `limit` events with that key are being processed; counters are
// "implicitly scoped to an app installation, but not to a specific queue". Without the field there
// is no control ("unbounded"). Waiting events start in the order they became due.
// Source: Async events API, "Controlling processing concurrency" (sandbox/platform/README.md).

export interface Concurrency { key: string; limit: number }

/** The push-time check: `key` a non-empty string, `limit` a whole number ≥ 1 (bounds the docs leave open). */
export function concurrencyProblem(c: unknown): string | undefined {
  if (c === undefined) return undefined;
  const { key, limit } = (c ?? {}) as Partial<Concurrency>;
  if (typeof key !== 'string' || key.length === 0) return 'The concurrency key must be a non-empty string.';
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) return 'The concurrency limit must be a whole number of at least 1.';
  return undefined;
}

/** One installation's concurrency counters. */
export class ConcurrencyGate {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<{ limit: number; start: () => void }>>();

  /** Resolves with a release function once the event may be processed (at once without a key). */
  acquire(c: Concurrency | undefined): Promise<() => void> {
    if (!c) return Promise.resolve(() => undefined);
    return new Promise((resolve) => {
      const start = () => {
        this.running.set(c.key, (this.running.get(c.key) ?? 0) + 1);
        resolve(() => this.release(c.key));
      };
      if ((this.running.get(c.key) ?? 0) < c.limit && !this.waiting.get(c.key)?.length) start();
      else this.waiting.set(c.key, [...(this.waiting.get(c.key) ?? []), { limit: c.limit, start }]);
    });
  }

  /** How many events with `key` are being processed now. */
  inFlight(key: string): number {
    return this.running.get(key) ?? 0;
  }

  private release(key: string): void {
    const left = (this.running.get(key) ?? 1) - 1;
    if (left > 0) this.running.set(key, left);
    else this.running.delete(key);
    const queue = this.waiting.get(key);
    const next = queue?.[0];
    // Each waiting event carries its own limit (the docs recommend one fixed limit per key).
    if (next && (this.running.get(key) ?? 0) < next.limit) {
      queue.shift();
      if (queue.length === 0) this.waiting.delete(key);
      next.start();
    }
  }
}
