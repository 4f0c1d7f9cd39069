// The service desk part of an apply: the request type, then participants who joined or left. Each
// step stands alone (a refusal is an error naming the value; a transient failure aborts the apply so
// the partner re-sends, and both steps are idempotent). A tracker without service desks refuses visibly.
// What the participants step settles is recorded only with the apply's commit: the partner's list
// (so a re-send after a transient failure plans the change again) and, when our own rule sends
// participants, our list as it stands after the write, as sent (so it never goes back as our change).
import type { LocalIssueId } from '../ids';
import type { PairRecord } from '../ledger/pair-record';
import type { PlanError } from '../planning/change-plan';
import type { ServiceDeskPlan } from '../planning/incoming-service-desk';
import type { Tracker } from '../ports/tracker';
import { participantsAsSent, participantsHash, type ParticipantReplica, type ServiceDeskState } from '../replica/service-desk';
import { isTransientTrackerError } from './tracker-error';

/** What an applied service desk plan settles on the pair. */
export type ServiceDeskApplied = { partnerParticipants?: ParticipantReplica[]; sentParticipants?: string };

export async function applyServiceDesk(tracker: Tracker, issueId: LocalIssueId, plan: ServiceDeskPlan, errors: PlanError[]): Promise<ServiceDeskApplied> {
  const applied: ServiceDeskApplied = {};
  const step = async (field: string, value: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (e) {
      if (isTransientTrackerError(e)) throw e;
      errors.push({ field, value, reason: e instanceof Error ? e.message : String(e) });
    }
  };
  if (plan.requestType !== undefined) {
    const name = plan.requestType;
    if (!tracker.setRequestType) errors.push({ field: 'requestType', value: name, reason: 'this tracker has no request types' });
    else await step('requestType', name, () => tracker.setRequestType!(issueId, name));
  }
  const people = plan.participants;
  if (people) {
    if (!tracker.changeParticipants) errors.push({ field: 'participants', value: people.add.map((p) => p.displayName).join(', '), reason: 'this tracker has no request participants' });
    else
      await step('participants', [...people.add, ...people.remove].map((p) => p.displayName).join(', '), async () => {
        const withEmail = people.sentWithEmail;
        const done = await tracker.changeParticipants!(issueId, people, withEmail !== undefined);
        for (const miss of done.misses) errors.push({ field: 'participants', value: miss.displayName, reason: miss.reason });
        if (done.now && withEmail !== undefined) applied.sentParticipants = participantsHash(participantsAsSent(done.now, withEmail));
      });
    // A refusal is reported once, not retried with every later message.
    applied.partnerParticipants = people.partnerNow;
  }
  return applied;
}

/** The pair's service desk state once the apply is committed. */
export function settleServiceDesk(state: PairRecord['serviceDesk'], applied: ServiceDeskApplied | undefined): ServiceDeskState | undefined {
  if (!applied || (!applied.partnerParticipants && !applied.sentParticipants)) return state;
  return {
    ...state,
    ...(applied.partnerParticipants ? { partnerParticipants: applied.partnerParticipants } : {}),
    ...(applied.sentParticipants ? { sent: { ...state?.sent, participants: applied.sentParticipants } } : {}),
  };
}
