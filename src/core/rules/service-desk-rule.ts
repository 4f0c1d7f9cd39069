// The sharing rule's settings for Jira Service Management data, one half per direction. Comments'
// customer-visible vs internal split is the comments setting (internal ones leave only when
// `outgoing.comments.includeInternal` is set; `incoming.comments.asInternal` keeps partner
// comments internal here); this is the rest.
import { z } from 'zod';

const fieldId = z.string().min(1).max(100);

/**
 * Where this site's tracker keeps the request type, the participants and the SLAs (Jira: the ids of
 * the JSM custom fields, which differ per site). The save fills it in from the tracker, whatever the
 * input said, so the one issue read per change can ask for these fields by id.
 */
export const serviceDeskFieldIdsSchema = z.object({
  requestType: fieldId.optional(),
  participants: fieldId.optional(),
  /** One field per SLA metric. */
  sla: z.array(fieldId).max(50).default([]),
});

export const outgoingServiceDeskSchema = z
  .object({
    /** Send the request type's name (the partner maps it to one of its own). */
    requestType: z.boolean().default(false),
    /** Send the request participants (names; emails only when `userPrivacy` shares them). */
    participants: z.boolean().default(false),
    /** Send the SLAs (name, goal, remaining or breached): shown on the partner's issue panel, never written there. */
    sla: z.boolean().default(false),
    /** Set by the save (never trusted from input): see serviceDeskFieldIdsSchema. Absent on rules saved before it. */
    fieldIds: serviceDeskFieldIdsSchema.optional(),
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
export type ServiceDeskFieldIds = z.output<typeof serviceDeskFieldIdsSchema>;
export type IncomingServiceDeskRule = z.output<typeof incomingServiceDeskSchema>;

/** Whether the rule sends anything the tracker's service desk API must be read for. */
export const sendsServiceDesk = (o: OutgoingServiceDeskRule): boolean => o.requestType || o.participants || o.sla;

/**
 * The rule as saved: the tracker's field ids for what it sends (asked only when it sends any), none
 * otherwise. An id the tracker cannot tell (a site without service desks) is left out.
 */
export async function withServiceDeskFieldIds<R extends { projectKey: string; outgoing: { serviceDesk: OutgoingServiceDeskRule } }>(
  rule: R,
  find: ((projectKey: string) => Promise<ServiceDeskFieldIds | null>) | undefined,
): Promise<R> {
  const { fieldIds: _input, ...serviceDesk } = rule.outgoing.serviceDesk;
  const ids = sendsServiceDesk(serviceDesk) && find ? await find(rule.projectKey) : null;
  return { ...rule, outgoing: { ...rule.outgoing, serviceDesk: { ...serviceDesk, ...(ids ? { fieldIds: ids } : {}) } } };
}
