// Which service desk parts leave: each one the outgoing rule shares whose hash differs from what
// was last sent (or last set here from the partner's). Participants leave by the rule's privacy:
// names only unless `userPrivacy` shares emails.
import type { IssueSnapshot } from '../replica/snapshot';
import { participantsAsSent, participantsHash, requestTypeHash, slaHash, type ServiceDeskReplica, type ServiceDeskState } from '../replica/service-desk';
import type { SharingRule } from '../rules/schema';

export function planOutgoingServiceDesk(snapshot: IssueSnapshot, rule: SharingRule, prior: ServiceDeskState | undefined, now: number): { send: ServiceDeskReplica | null; next: ServiceDeskState | undefined } {
  const out = rule.outgoing.serviceDesk;
  const read = snapshot.serviceDesk;
  // Not read (no rule asked, or the project is no service desk): nothing can be concluded.
  if (!read) return { send: null, next: prior };
  const sent = { ...(prior?.sent ?? {}) };
  const send: ServiceDeskReplica = {};
  if (out.requestType) {
    const hash = requestTypeHash(read.requestType);
    if (sent.requestType !== hash) send.requestType = { name: read.requestType, ts: snapshot.updatedAt || now, hash };
    sent.requestType = hash;
  }
  if (out.participants) {
    const people = participantsAsSent(read.participants, rule.outgoing.userPrivacy === 'displayNameAndEmail');
    const hash = participantsHash(people);
    if (sent.participants !== hash) send.participants = { people, hash };
    sent.participants = hash;
  }
  if (out.sla) {
    const hash = slaHash(read.sla);
    if (sent.sla !== hash) send.sla = { items: read.sla, hash };
    sent.sla = hash;
  }
  const changed = Object.keys(send).length > 0;
  return { send: changed ? send : null, next: changed || prior ? { ...prior, sent } : prior };
}
