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
