// The sharing rule's settings for Jira Service Management data, one half per direction. Comments'
// customer-visible vs internal split is the comments setting (internal ones leave only when
// `outgoing.comments.includeInternal` is set; `incoming.comments.asInternal` keeps partner
// comments internal here); this is the rest.
import { z } from 'zod';

export const outgoingServiceDeskSchema = z
  .object({
    /** Send the request type's name (the partner maps it to one of its own). */
    requestType: z.boolean().default(false),
    /** Send the request participants (names; emails only when `userPrivacy` shares them). */
    participants: z.boolean().default(false),
    /** Send the SLAs (name, goal, remaining or breached): shown on the partner's issue panel, never written there. */
    sla: z.boolean().default(false),
  })
  .default({ requestType: false, participants: false, sla: false });

export const incomingServiceDeskSchema = z
  .object({
    /** Set the request type here from the partner's (through `requestTypes`, else by the same name). */
    requestType: z.boolean().default(false),
    /** Partner request type name → local request type name. */
    requestTypes: z.record(z.string().min(1).max(255), z.string().min(1).max(255)).refine((m) => Object.keys(m).length <= 200, 'at most 200 request types').default({}),
    /** Add and remove request participants here as the partner does, matched by the user mapping. */
    participants: z.boolean().default(false),
  })
  .default({ requestType: false, requestTypes: {}, participants: false });

export type OutgoingServiceDeskRule = z.output<typeof outgoingServiceDeskSchema>;
export type IncomingServiceDeskRule = z.output<typeof incomingServiceDeskSchema>;

/** Whether the rule sends anything the tracker's service desk API must be read for. */
export const sendsServiceDesk = (o: OutgoingServiceDeskRule): boolean => o.requestType || o.participants || o.sla;
