// The issue's relations from the same GET as the rest of the snapshot: `parent` (epic or parent
// issue), the issue type's `subtask` flag and `issuelinks`. Parsed tolerantly: an entry that does
// not look like a link is left out rather than failing the read.
import { z } from 'zod';
import { localIssueId } from '../../core/ids';
import type { SnapshotLink, SnapshotRelations } from '../../core/replica/relations';

/** The fields the read asks for when some rule shares hierarchy or links. */
export const RELATION_FIELDS = ['parent', 'issuelinks', 'issuetype'] as const;

const issueRef = z.looseObject({ id: z.string().min(1), key: z.string().optional() });
const linkSchema = z.looseObject({
  id: z.string().min(1),
  type: z.looseObject({ name: z.string().min(1), inward: z.string().optional(), outward: z.string().optional() }),
  outwardIssue: issueRef.optional(),
  inwardIssue: issueRef.optional(),
});

export function decodeRelations(fields: Record<string, unknown>): SnapshotRelations {
  const parent = issueRef.safeParse(fields.parent);
  const type = z.looseObject({ subtask: z.boolean().optional() }).safeParse(fields.issuetype);
  const links: SnapshotLink[] = [];
  for (const raw of Array.isArray(fields.issuelinks) ? fields.issuelinks : []) {
    const link = linkSchema.safeParse(raw);
    if (!link.success) continue;
    // The issue view names the other issue: `outwardIssue` when this issue is the link's source.
    const other = link.data.outwardIssue ?? link.data.inwardIssue;
    if (!other) continue;
    const outward = link.data.outwardIssue !== undefined;
    const phrase = outward ? link.data.type.outward : link.data.type.inward;
    links.push({ id: link.data.id, type: link.data.type.name, outward, otherId: localIssueId(other.id), ...(other.key ? { otherKey: other.key } : {}), ...(phrase ? { phrase } : {}) });
  }
  return { parent: parent.success ? localIssueId(parent.data.id) : null, ...(parent.success && parent.data.key ? { parentKey: parent.data.key } : {}), subtask: type.success && type.data.subtask === true, links };
}
