// The sharing rule's settings for hierarchy and issue links, one half per direction so that each
// side decides alone what leaves (outgoing) and what it lets a partner do here (incoming).
import { z } from 'zod';

export const outgoingRelationsSchema = z
  .object({
    /** Send each issue's parent (epic → child, issue → sub-task) when the parent is mirrored on this connection too. */
    hierarchy: z.boolean().default(false),
    /**
     * Mirroring an issue whose parent is not mirrored yet brings the parent first (even outside the
     * scope, as "start syncing" would). Off: the child waits for its parent (a sub-task is sent only
     * once its parent is on the partner's side; another child goes at once and gets its parent then).
     */
    bringParent: z.boolean().default(false),
    /** Send links between two issues that are both mirrored on this connection. */
    links: z.boolean().default(false),
  })
  .default({ hierarchy: false, bringParent: false, links: false });

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
