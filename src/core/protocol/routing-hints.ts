// What a raw message says of itself before it is verified: its kind, connection and the pairs it
// names (a replica's own and those its parent and links name; each item's own for a batch).
// Routing hints only — to pick deps, read pairs ahead or order a batch's items; nothing here is
// trusted until the envelope is verified.
import { relationRefs } from '../replica/relations';
import { checkJsonShape } from './json-shape';

export type RoutingHints = { kind: string | null; connectionId: string | null; pairId: string | null; pairIds: string[] };

const NONE: RoutingHints = { kind: null, connectionId: null, pairId: null, pairIds: [] };

const nonEmpty = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export function routingHints(raw: unknown): RoutingHints {
  // A body too deep or too wide to be a message gets no hints; the receiver refuses it with a reason.
  if (typeof raw !== 'string' || checkJsonShape(raw)) return NONE;
  try {
    const env = (JSON.parse(raw) as { envelope?: { kind?: unknown; connectionId?: unknown; pairId?: unknown; body?: { items?: unknown } } } | null)?.envelope;
    const kind = nonEmpty(env?.kind);
    const pairId = nonEmpty(env?.pairId);
    const items = kind === 'batch' && Array.isArray(env?.body?.items) ? env.body.items : [];
    // A replica's parent and links name other pairs, which its apply reads too (replica/relations.ts).
    const pairIds = kind === 'replica' ? [pairId, ...relationRefs(env?.body)] : items.map((item) => routingHints(item).pairId);
    return { kind, connectionId: nonEmpty(env?.connectionId), pairId, pairIds: pairIds.filter((p): p is string => p !== null) };
  } catch {
    return NONE;
  }
}
