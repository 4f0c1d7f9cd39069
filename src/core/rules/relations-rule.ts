// The sharing rule's settings for hierarchy and issue links, one half per direction so that each
// side decides alone what leaves (outgoing) and what it lets a partner do here (incoming).
import { z } from 'zod';

export const outgoingRelationsSchema = z
  .object({
    /** Send each issue's parent (epic → child, issue → sub-task) when the parent is mirrored on this connection too. */
    hierarchy: z.boolean().default(false),
    /**
     * Mirroring an issue whose parent is not mirrored yet brings the parent first, as "start
     * syncing" would: past a manual-start scope, never past the scope's filters. Off: the child
     * waits for its parent (a sub-task is sent only once its parent is on the partner's side;
     * another child goes at once and gets its parent then).
     */
    bringParent: z.boolean().default(false),
    /**
     * Mirroring a parent brings its children (an epic's issues, an issue's sub-tasks), each as
     * "start syncing" would, the scope deciding for each; at most 50 per parent
     * (sync/bring-children.ts), once the parent has reached the partner.
     */
    bringChildren: z.boolean().default(false),
    /** Send links between two issues that are both mirrored on this connection. */
    links: z.boolean().default(false),
    /**
     * A link to an issue that is not mirrored: `stay-home` (nothing leaves), or `note`: the partner's
     * issue panel shows it as "Related outside: ACME-12 blocks this" (the other issue's key and the
     * link's wording only, nothing of that issue), until the link is removed or that issue is
     * mirrored (then it becomes a real link). Shown on the panel, not written as a comment, so it
     * costs the partner no Jira write (sync/outside-links.ts).
     */
    outsideLinks: z.enum(['stay-home', 'note']).default('stay-home'),
  })
  .default({ hierarchy: false, bringParent: false, bringChildren: false, links: false, outsideLinks: 'stay-home' });

export const incomingRelationsSchema = z
  .object({
    /** Let the partner set the parent of its issues' copies here (only to another copy on this connection). */
    hierarchy: z.boolean().default(false),
    /** Let the partner make and remove links between copies on this connection. */
    links: z.boolean().default(false),
    /** Partner link type name → local link type name. A type missing here is refused (reported). */
    linkTypes: z.record(z.string().min(1).max(255), z.string().min(1).max(255)).default({}),
  })
  .default({ hierarchy: false, links: false, linkTypes: {} });

export type OutgoingRelationsRule = z.output<typeof outgoingRelationsSchema>;
export type IncomingRelationsRule = z.output<typeof incomingRelationsSchema>;
