// "What the partner sees" for parent and links: each as one line saying whether it leaves and how,
// from the same rule and pair lookups the sending side uses (outgoing-relations.ts), read only:
// the preview notes no waits and writes nothing.
import type { ConnectionId, LocalIssueId } from '../ids';
import type { IssueSnapshot } from '../replica/snapshot';
import type { SharingRule } from '../rules/schema';
import type { SyncDeps } from './deps';

export type RelationLine = { text: string; sent: boolean };

async function mirrored(deps: Pick<SyncDeps, 'store'>, connId: ConnectionId, id: LocalIssueId): Promise<boolean> {
  const pair = await deps.store.findPairByLocalIssue(connId, id);
  return Boolean(pair && pair.unlinkedAt === undefined && pair.partnerIssueId);
}

/** Lines for the preview; null when the rule shares neither parents nor links (or the read has none). */
export async function previewRelations(deps: Pick<SyncDeps, 'store'>, connId: ConnectionId, snapshot: IssueSnapshot, rule: SharingRule): Promise<RelationLine[] | null> {
  const cfg = rule.outgoing.relations;
  const rel = snapshot.relations;
  if (!rel || (!cfg.hierarchy && !cfg.links)) return null;
  const lines: RelationLine[] = [];
  if (cfg.hierarchy && rel.parent) {
    const name = `Parent ${rel.parentKey ?? rel.parent}`;
    if (await mirrored(deps, connId, rel.parent)) lines.push({ text: `${name}: shared, so its copy becomes the parent`, sent: true });
    else if (cfg.bringParent) lines.push({ text: `${name}: not shared yet, sent first (the rule brings parents)`, sent: true });
    else lines.push({ text: `${name}: not shared yet; the parent is set once it is${rel.subtask ? ' (this sub-task waits for it)' : ''}`, sent: false });
  }
  if (cfg.hierarchy && cfg.bringChildren) lines.push({ text: 'Children: those in the scope follow once this issue is shared (at most 50)', sent: true });
  if (!cfg.links) return lines;
  const noting = cfg.outsideLinks === 'note';
  for (const link of rel.links) {
    const words = `${link.phrase ?? link.type} ${link.otherKey ?? link.otherId}`;
    const shared = await mirrored(deps, connId, link.otherId);
    if (shared) lines.push({ text: link.outward ? `Link: ${words}, made on the partner` : `Link: ${words}, sent with ${link.otherKey ?? 'the other issue'}`, sent: true });
    else if (noting) lines.push({ text: `Link: ${words}, not shared: the partner sees "Related outside: ${words}" (key and wording only)`, sent: true });
    else lines.push({ text: `Link: ${words}, not shared: stays here until that issue is`, sent: false });
  }
  return lines;
}
