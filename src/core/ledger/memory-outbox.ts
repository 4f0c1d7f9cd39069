// In-memory Outbox for unit tests and the convergence model.
import type { Outbox, OutboxEntry } from '../ports/outbox';

export class MemoryOutbox implements Outbox {
  private readonly entries = new Map<string, OutboxEntry>();

  async enqueue(entry: OutboxEntry): Promise<void> {
    if (this.entries.has(entry.id)) throw new Error(`outbox entry ${entry.id} already exists`);
    this.entries.set(entry.id, structuredClone(entry));
  }

  async get(id: string): Promise<OutboxEntry | null> {
    const e = this.entries.get(id);
    return e ? structuredClone(e) : null;
  }

  async update(entry: OutboxEntry): Promise<void> {
    if (!this.entries.has(entry.id)) throw new Error(`outbox entry ${entry.id} does not exist`);
    this.entries.set(entry.id, structuredClone(entry));
  }

  async remove(id: string): Promise<void> {
    this.entries.delete(id);
  }

  async due(now: number, limit: number): Promise<OutboxEntry[]> {
    return structuredClone(
      [...this.entries.values()]
        .filter((e) => e.nextTryAt <= now)
        .sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq)
        .slice(0, limit),
    );
  }

  async size(connectionId?: string): Promise<number> {
    return [...this.entries.values()].filter((e) => !connectionId || e.connectionId === connectionId).length;
  }

  /** Every entry regardless of schedule (test inspection only). */
  all(): OutboxEntry[] {
    return structuredClone([...this.entries.values()]);
  }
}
