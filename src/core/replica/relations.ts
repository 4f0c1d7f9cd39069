// Hierarchy and issue links on the wire. They name other issues, and an issue id means nothing on
// the other side, so every reference is a pair id of this connection: the receiver resolves it in
// its own pair table (scoped by connection) and nowhere else. A link travels with its source issue
// only (the one its type's outward description applies to: A in "A blocks B"), so each link has
// one carrier and is made once.
import { z } from 'zod';
import type { LocalIssueId } from '../ids';

/** A link as the sender has it: its own id, the type's name, and the pair of the issue at the other end. */
export type LinkReplica = { id: string; type: string; pair: string; deleted?: boolean };

export type RelationsReplica = {
  /** Present when the parent changed: the parent's pair, or null for "no parent (here)". */
  parent?: { pair: string | null };
  /** Links made, changed (a new id) or removed since the last message. */
  links?: LinkReplica[];
  /**
   * Links to issues that are not mirrored, when the sender's rule says to note them
   * (`outsideLinks: 'note'`): the whole list as it now is (empty: none any more), each the other
   * issue's key and the link's wording as seen from this issue ("is blocked by"). Nothing else of
   * that issue leaves. The receiver shows it on its panel; no tracker write.
   */
  outside?: OutsideLink[];
};

export type OutsideLink = { key: string; phrase: string };

/** At most this many outside links are told; the rest are left out (the panel says "and more"). */
export const MAX_OUTSIDE_LINKS = 50;

const ref = z.string().min(1).max(128);

export const relationsReplicaSchema: z.ZodType<RelationsReplica> = z.object({
  parent: z.object({ pair: ref.nullable() }).optional(),
  links: z
    .array(z.object({ id: z.string().min(1).max(64), type: z.string().min(1).max(255), pair: ref, deleted: z.boolean().optional() }))
    .max(200)
    .optional(),
  outside: z
    .array(z.object({ key: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}-\d{1,12}$/, 'must be an issue key'), phrase: z.string().min(1).max(100).refine((p) => !/[<>]/.test(p) && [...p].every((c) => c >= ' '), 'must be plain words') }))
    .max(MAX_OUTSIDE_LINKS)
    .optional(),
});

/**
 * A local link of the issue as the tracker shows it: `outward` when this issue is its source;
 * `otherKey` and `phrase` (the type's wording from this issue: "blocks", "is blocked by") when the
 * tracker gave them, for a related-outside note.
 */
export type SnapshotLink = { id: string; type: string; outward: boolean; otherId: LocalIssueId; otherKey?: string; phrase?: string };

/** What the read says about the issue's place among others. */
export type SnapshotRelations = {
  parent: LocalIssueId | null;
  /** The parent's key, when the tracker gave it (for the preview). */
  parentKey?: string;
  /** A sub-task: the tracker refuses to create it without its parent. */
  subtask: boolean;
  links: SnapshotLink[];
};

/** At most this many of a message's parent and link references are read ahead with its pair. */
export const READ_AHEAD_REFS = 8;
const REF_SHAPE = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * The pair ids a replica's relations name (parent first, then links made), read from the raw body
 * before it is verified: only a hint of what to read ahead (the receiver reads its pairs in one
 * batch), never trusted. Refs of a shape no pair id has are left out.
 */
export function relationRefs(body: unknown): string[] {
  const relations = (body as { replica?: { relations?: { parent?: { pair?: unknown }; links?: unknown } } } | null)?.replica?.relations;
  const links = Array.isArray(relations?.links) ? (relations.links as Array<{ pair?: unknown; deleted?: unknown } | null>) : [];
  const refs = [relations?.parent?.pair, ...links.filter((l) => l?.deleted !== true).map((l) => l?.pair)];
  return [...new Set(refs.filter((r): r is string => typeof r === 'string' && REF_SHAPE.test(r)))].slice(0, READ_AHEAD_REFS);
}
