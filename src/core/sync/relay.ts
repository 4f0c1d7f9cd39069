// One project, several partners: a change a partner's message made here is news for the project's
// other partners too. The app's own writes raise no product event (the trigger's ignoreSelf), so
// nothing else would carry it on until the reconciliation sweep, minutes later.
//
// Relaying asks for the issue to be planned again, for every connection, exactly as a local edit
// would be: what leaves for partner B is what our rule with B shares (the change arrived only if
// our rule with A accepted it), and A learns nothing back, because the apply recorded what it
// wrote as A's last-seen values. B's copy, applied on B by B's Liaison, raises no event there either.
import type { ConnectionId, LocalIssueId } from '../ids';
import type { SyncDeps } from './deps';

/** `from`: the connection whose message changed the issue (it is not planned for again). */
export type RelayIssue = { issueId: LocalIssueId; projectKey: string; from?: ConnectionId };

/**
 * Where relays go (the app: a work-queue event that plans the issue on its own invocation, with a
 * read of every field the project's rules share). May collect requests and send them later;
 * never throws (a relay it cannot queue is logged, and left to the sweep).
 */
export interface RelayPort {
  request(issue: RelayIssue): Promise<void>;
}

/** The other connections sharing the issue's project, if any: those a relay would serve. */
export async function otherConnections(deps: Pick<SyncDeps, 'config'>, from: ConnectionId, projectKey: string): Promise<string[]> {
  const sharing = deps.config.connectionsSharing ? await deps.config.connectionsSharing(projectKey, from) : (await deps.config.rulesForProject(projectKey)).map((r) => r.connectionId);
  return [...new Set(sharing)].filter((id) => id !== from);
}

/**
 * After a partner's message changed `issue`: ask for a relay when another connection shares its
 * project. Costs nothing more when the project has one partner (the answer comes from the
 * connection's route, read already). The port logs rather than throws a relay it cannot queue: the
 * change is applied and acknowledged by then, and the next sweep still finds it.
 */
export async function relayToOthers(deps: SyncDeps, from: ConnectionId, issue: Omit<RelayIssue, 'from'>): Promise<boolean> {
  if (!deps.relay) return false;
  if ((await otherConnections(deps, from, issue.projectKey)).length === 0) return false;
  await deps.relay.request({ ...issue, from });
  return true;
}
