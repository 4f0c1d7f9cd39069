// Names what each KVS operation touched. The recorder logs only the operation ("entity/get"); the
// storage calls behind it happen synchronously inside that same request, just before it is
// recorded, so the calls seen since the previous KVS entry are exactly this operation's.
import type { Installation, RecordEntry } from '../sandbox/platform';

type StoreCall = { fn: 'get' | 'put' | 'delete' | 'scan' | 'all' | 'queryIndex'; space: string; key: string; rows?: number };

/** `liaison-pair` + a key with ids folded, e.g. `get entity:liaison-pair …` / `put kvs:nonce:…`. */
export function describeCall(c: StoreCall): string {
  const key = c.key.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>').replace(/[0-9a-f]{16,}/gi, '<hex>').replace(/\d{3,}/g, '<n>').replace(/[A-Za-z0-9_-]{24,}/g, '<token>');
  return `${c.fn} ${c.space}${key ? ` ${key}` : ''}${c.rows !== undefined ? ` (${c.rows} rows read)` : ''}`;
}

export type TracedKvs = RecordEntry & { kind: 'kvs'; touched?: string[] };

/** Adds `touched` (the storage calls) to every KVS entry the installation records. Returns the undo. */
export function traceKvs(inst: Installation): () => void {
  const store = inst.store as unknown as Record<StoreCall['fn'], (...a: unknown[]) => unknown>;
  const recorder = inst.recorder as unknown as { add: (e: RecordEntry) => void };
  const pending: StoreCall[] = [];
  let depth = 0;
  const originals = new Map<string, unknown>();
  for (const fn of ['get', 'put', 'delete', 'scan', 'all', 'queryIndex'] as const) {
    const original = store[fn]!;
    originals.set(fn, Object.prototype.hasOwnProperty.call(store, fn) ? original : undefined);
    store[fn] = (...args: unknown[]) => {
      depth++;
      try {
        const result = original.apply(inst.store, args);
        if (depth === 1) {
          const indexed = fn === 'queryIndex' ? (args[0] as { space: string; index: string }) : undefined;
          const call: StoreCall = indexed
            ? { fn, space: indexed.space, key: indexed.index }
            : { fn, space: String(args[0]), key: fn === 'all' ? '' : String(args[1] ?? '') };
          if (fn === 'all' || fn === 'scan' || fn === 'queryIndex') call.rows = (result as unknown[]).length;
          pending.push(call);
        }
        return result;
      } finally {
        depth--;
      }
    };
  }
  const originalAdd = recorder.add;
  recorder.add = (e: RecordEntry) => {
    if (e.kind === 'kvs') originalAdd.call(inst.recorder, { ...e, touched: pending.splice(0).map(describeCall) } as TracedKvs);
    else originalAdd.call(inst.recorder, e);
  };
  return () => {
    recorder.add = originalAdd;
    for (const [fn, own] of originals) {
      if (own === undefined) delete store[fn as StoreCall['fn']];
      else store[fn as StoreCall['fn']] = own as (...a: unknown[]) => unknown;
    }
  };
}
