// Delivers product events to subscribers after the causing response exists, applying the duplicate,
// drop and reorder fault knobs. A throwing subscriber is reported and never stops delivery to the others.
import type { SiteFaults } from './faults';
import type { SiteEvent } from './types';

export type EventListener = (e: SiteEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();
  private held: SiteEvent[] = [];
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly faults: SiteFaults) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Schedules delivery on a later turn of the event loop, so the caller's response goes out first. */
  publish(events: SiteEvent[]): void {
    if (events.length === 0) return;
    this.pending++;
    setImmediate(() => {
      try {
        for (const e of events) this.route(e);
      } finally {
        this.pending--;
        if (this.pending === 0) this.idleWaiters.splice(0).forEach((w) => w());
      }
    });
  }

  /** Resolves once every published event has been handed to subscribers (held events excepted). */
  settled(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Delivers events held back by the reorder fault, newest first. */
  flushHeld(): void {
    const batch = this.held.splice(0).reverse();
    if (batch.length > 1) this.faults.counts.reorderedBatches++;
    for (const e of batch) this.deliver(e);
  }

  private route(e: SiteEvent): void {
    const k = this.faults.reorderWindow;
    if (k > 1) {
      this.held.push(e);
      if (this.held.length >= k) this.flushHeld();
      return;
    }
    this.deliver(e);
  }

  private deliver(e: SiteEvent): void {
    if (this.faults.shouldDrop(e.eventType)) return;
    const copies = this.faults.shouldDuplicate() ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      for (const l of [...this.listeners]) {
        try {
          // Each subscriber gets its own copy: one handler mutating a payload must not change another's.
          l(structuredClone(e));
        } catch (err) {
          console.error('[jira-site] event listener failed:', err);
        }
      }
    }
  }
}
