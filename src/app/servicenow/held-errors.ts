// The ServiceNow peer applies a Jira change to a record in the same site, the same store: an error it
// records while applying (a data-policy refusal on `status`) goes back in its ack too, and the Jira side
// records that as `partner:status` — the admin saw the one refusal twice. While the peer answers a
// message its errors are held; those its answer carries back are left to the Jira side (whose copy
// has the retry button), the rest are recorded as before.
import type { ErrorRecord, LedgerStore } from '../../core/ports/store';

const keyOf = (field: string, reason: string) => `${field}\u0000${reason}`;

/** Every { field, reason } pair an answer's JSON carries, at any depth (single acks and batch acks alike). */
export function reportedErrors(body: string): Set<string> {
  const found = new Set<string>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return found;
  }
  const walk = (v: unknown, depth: number): void => {
    if (depth > 12 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    const o = v as Record<string, unknown>;
    if (typeof o.field === 'string' && typeof o.reason === 'string') found.add(keyOf(o.field, o.reason));
    for (const x of Object.values(o)) walk(x, depth + 1);
  };
  walk(parsed, 0);
  return found;
}

export function holdingErrors(store: LedgerStore): { store: LedgerStore; release(answer: { status: number; body: string } | null): Promise<void> } {
  const held: ErrorRecord[] = [];
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'addError') return async (record: ErrorRecord) => void held.push(record);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    store: proxy,
    release: async (answer) => {
      const carried = answer && answer.status === 200 ? reportedErrors(answer.body) : new Set<string>();
      for (const e of held.splice(0)) if (!carried.has(keyOf(e.field, e.reason))) await store.addError(e);
    },
  };
}
