// Relaying a partner's change to the project's other partners (core/sync/relay.ts says why): a
// work-queue event names the issues a partner's message changed here, and its consumer plans each
// of them once for every connection of the project, exactly as a local edit's product event would.
// A delivery (one message, or a bulk batch of up to 20) asks for one event, not one per issue:
// Forge counts 500 events a minute per installation.
import { receiveMessage, type ReceiveResult, type SyncDeps } from '../core/sync';
import type { RelayIssue, RelayPort } from '../core/sync/relay';
import { pushWork } from './work-queue';

/** Issues one relay event names at most (a bulk batch carries 20). */
export const RELAY_MAX_ISSUES = 50;

export async function pushRelays(issues: readonly RelayIssue[], delayInSeconds = 0): Promise<void> {
  // One event per project and sending connection (a delivery has one), which it need not hear from again.
  const groups = new Map<string, { projectKey: string; except: string | undefined; ids: Set<string> }>();
  for (const i of issues) {
    const id = `${i.projectKey}/${i.from ?? ''}`;
    const group = groups.get(id) ?? { projectKey: i.projectKey, except: i.from, ids: new Set<string>() };
    group.ids.add(i.issueId);
    groups.set(id, group);
  }
  for (const { projectKey, except, ids } of groups.values()) {
    const all = [...ids];
    for (let at = 0; at < all.length; at += RELAY_MAX_ISSUES) {
      const issueIds = all.slice(at, at + RELAY_MAX_ISSUES);
      try {
        await pushWork({ kind: 'relay', projectKey, issueIds, ...(except ? { except } : {}) }, delayInSeconds);
      } catch (e) {
        // The change is applied and acknowledged already; the next sweep finds it.
        console.warn(`liaison: could not queue the relay of ${issueIds.length} issue(s) of ${projectKey} to the other partners; the next sweep carries them: ${(e as Error).message}`);
      }
    }
  }
}

/** Asks for each relay at once (one message at a time: the ServiceNow peer's replies). */
export const relayAtOnce: RelayPort = { request: (issue) => pushRelays([issue]) };

/** Collects a delivery's relays, to ask for them in one event when the delivery is done (flush). */
export class CollectingRelay implements RelayPort {
  private readonly issues: RelayIssue[] = [];
  request(issue: RelayIssue): Promise<void> {
    this.issues.push(issue);
    return Promise.resolve();
  }
  async flush(): Promise<void> {
    await pushRelays(this.issues.splice(0));
  }
}

/** A partner's message (or batch), received with its relays asked for in one event afterwards. */
export async function receiveRelaying(deps: SyncDeps, body: string): Promise<ReceiveResult> {
  const relay = new CollectingRelay();
  const result = await receiveMessage({ ...deps, relay }, body);
  await relay.flush();
  return result;
}
