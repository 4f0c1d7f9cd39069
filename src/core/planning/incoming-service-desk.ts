// The partner's service desk parts under the local rule: its request type mapped by name (the
// tracker reports a name this project lacks), participants who joined or left since its last
// message matched through the user mapping (someone the partner shares no email for cannot be
// matched and is reported, never guessed), and its SLAs kept for the panel only.
import type { ParticipantReplica, ServiceDeskReplica, ServiceDeskState } from '../replica/service-desk';
import { participantsHash, requestTypeHash } from '../replica/service-desk';
import type { SharingRule } from '../rules/schema';
import type { PlanError } from './change-plan';

/** A person to add or remove here: the local account when the rule maps the email, else the email to match. */
export type ParticipantRef = { displayName: string; email?: string; accountId?: string };
export type ParticipantsPlan = {
  add: ParticipantRef[];
  remove: ParticipantRef[];
  /** The partner's list this change brings us to: recorded once applied, so a transient failure leaves it for the re-send to plan again. */
  partnerNow: ParticipantReplica[];
  /**
   * Set when our own rule sends participants (the value: whether with emails): the list as it stands
   * after our write is recorded as sent, so the partner's change never comes back to it as ours.
   */
  sentWithEmail?: boolean;
};
export type ServiceDeskPlan = { requestType?: string; participants?: ParticipantsPlan };

const keyOf = (p: ParticipantReplica): string => (p.email ? `email:${p.email.toLowerCase()}` : `name:${p.displayName}`);

export function planIncomingServiceDesk(
  incoming: ServiceDeskReplica | undefined,
  rule: SharingRule,
  prior: ServiceDeskState | undefined,
): { plan: ServiceDeskPlan | null; next: ServiceDeskState | undefined; errors: PlanError[]; dropped: { field: string; reason: string }[] } {
  const errors: PlanError[] = [];
  const dropped: { field: string; reason: string }[] = [];
  if (!incoming) return { plan: null, next: prior, errors, dropped };
  const cfg = rule.incoming.serviceDesk;
  const next: ServiceDeskState = { ...prior, sent: { ...(prior?.sent ?? {}) } };
  const plan: ServiceDeskPlan = {};

  const rt = incoming.requestType;
  if (rt && !cfg.requestType) dropped.push({ field: 'requestType', reason: 'not accepted by the local rule' });
  else if (rt && rt.hash !== requestTypeHash(rt.name)) errors.push({ field: 'requestType', value: String(rt.name), reason: 'content hash does not match the value' });
  else if (rt && rt.ts >= (prior?.partnerRequestTypeTs ?? 0)) {
    next.partnerRequestTypeTs = rt.ts;
    // A request type cannot be taken off a request; the partner's "none" leaves ours as it is.
    if (rt.name !== null) {
      const local = cfg.requestTypes[rt.name] ?? rt.name;
      plan.requestType = local;
      // Our own read will show this name: recorded as sent, it does not go back.
      next.sent!.requestType = requestTypeHash(local);
    }
  }

  const pp = incoming.participants;
  if (pp && !cfg.participants) dropped.push({ field: 'participants', reason: 'not accepted by the local rule' });
  else if (pp && pp.hash !== participantsHash(pp.people)) errors.push({ field: 'participants', value: `${pp.people.length} people`, reason: 'content hash does not match the value' });
  else if (pp) {
    const before = new Map((prior?.partnerParticipants ?? []).map((p) => [keyOf(p), p]));
    const now = new Map(pp.people.map((p) => [keyOf(p), p]));
    const add: ParticipantRef[] = [];
    const remove: ParticipantRef[] = [];
    const users = rule.incoming.users;
    const local = (p: ParticipantReplica): ParticipantRef | null => {
      const mapped = p.email ? users.map[p.email] ?? users.map[p.email.toLowerCase()] : undefined;
      if (mapped) return { displayName: p.displayName, accountId: mapped };
      if (p.email && users.matchByEmail) return { displayName: p.displayName, email: p.email };
      return null;
    };
    for (const [k, p] of now) {
      if (before.has(k)) continue;
      const ref = local(p);
      if (ref) add.push(ref);
      else errors.push({ field: 'participants', value: p.displayName, reason: p.email ? 'no local account is mapped to this email' : 'the partner shares no email for this person, so no local account can be matched' });
    }
    for (const [k, p] of before) {
      if (now.has(k)) continue;
      const ref = local(p);
      if (ref) remove.push(ref);
    }
    if (add.length + remove.length === 0) next.partnerParticipants = pp.people;
    else plan.participants = { add, remove, partnerNow: pp.people, ...(rule.outgoing.serviceDesk.participants ? { sentWithEmail: rule.outgoing.userPrivacy === 'displayNameAndEmail' } : {}) };
  }

  if (incoming.sla) next.partnerSla = incoming.sla.items;
  return { plan: Object.keys(plan).length > 0 ? plan : null, next, errors, dropped };
}
