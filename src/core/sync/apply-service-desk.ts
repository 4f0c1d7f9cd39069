// The service desk part of an apply: the request type, then participants who joined or left. Each
// step stands alone (a refusal is an error naming the value; a transient failure aborts the apply so
// the partner re-sends, and both steps are idempotent). A tracker without service desks refuses visibly.
import type { LocalIssueId } from '../ids';
import type { PlanError } from '../planning/change-plan';
import type { ServiceDeskPlan } from '../planning/incoming-service-desk';
import type { Tracker } from '../ports/tracker';
import { isTransientTrackerError } from './tracker-error';

export async function applyServiceDesk(tracker: Tracker, issueId: LocalIssueId, plan: ServiceDeskPlan, errors: PlanError[]): Promise<void> {
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
        for (const miss of await tracker.changeParticipants!(issueId, people)) errors.push({ field: 'participants', value: miss.displayName, reason: miss.reason });
      });
  }
}
