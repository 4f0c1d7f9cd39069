// A partner that upgrades starts reading parts this side withheld from it (partner-reads.ts): field
// keys its old version refused or dropped, and the service-desk part its old version acknowledged and
// ignored. Its pairs were planned all along, so the ledger holds those parts as sent and they would
// arrive only when they next change. When the partner's announcement grows, the parts it gained are
// sent again for each of its pairs: the pair forgets having sent them, and the issue is planned for
// that connection alone as a local edit, through the outbox like any change (the app pages through
// the pairs a few at a time, paced: app/resend-parts.ts).
import type { Connection } from '../connection';
import { standardFieldKeys } from '../fields/standard-fields';
import { connectionId as toConnectionId, localIssueId, type PairId } from '../ids';
import type { PairRecord } from '../ledger/pair-record';
import { updatePair } from '../ledger/update-pair';
import type { FieldKey } from '../replica/field-key';
import type { SyncDeps } from './deps';
import { handleLocalChange } from './on-local-change';
import { SERVICE_DESK_PART, withheldParts } from './partner-reads';

/** Pairs per work event: each is one Jira read, a plan and a send (2-3 points, 4 KVS operations). */
export const RESEND_PAGE_SIZE = 25;
/** Between pages: 25 issues every 30 s is about 3,000 an hour, a fraction of Jira's hourly points quota. */
export const RESEND_GAP_S = 30;

/** Starts the paced re-send of `parts` to a connection's pairs (app/resend-parts.ts); without it nothing is re-sent. */
export type ResendPort = { start(connectionId: string, parts: string[]): Promise<void> };

type Partner = Pick<Connection, 'partnerKind' | 'partnerProfile'>;

/** What `after` reads that `before` did not, of this version's vocabulary: the parts to send again. */
export const gainedParts = (before: Partner, after: Partner): string[] => {
  const now = new Set(withheldParts(after, standardFieldKeys));
  return withheldParts(before, standardFieldKeys).filter((p) => !now.has(p));
};

/**
 * The pair as if `parts` had never been sent: the outgoing planner then sends their current state.
 * `runId` names the re-send: a pair it already made forget is left as it is (Forge delivers a queue
 * event at least once, and a page delivered twice must not send its pairs' parts twice).
 */
export function forgetSent(pair: PairRecord, parts: readonly string[], runId?: string): PairRecord | null {
  if (runId !== undefined && pair.resentBy === runId) return null;
  const fields = { ...pair.fields };
  let changed = false;
  for (const part of parts) {
    const state = fields[part as FieldKey];
    // The clocks stay: the value goes as a new local version of the field, never behind one the partner holds.
    if (state && state.localHash !== '') {
      fields[part as FieldKey] = { ...state, localHash: '' };
      changed = true;
    }
  }
  const desk = parts.includes(SERVICE_DESK_PART) && pair.serviceDesk?.sent ? (({ sent: _sent, ...rest }) => rest)(pair.serviceDesk) : pair.serviceDesk;
  if (desk !== pair.serviceDesk) changed = true;
  if (!changed) return null;
  return { ...pair, fields, ...(desk ? { serviceDesk: desk } : {}), ...(runId !== undefined ? { resentBy: runId } : {}) };
}

/**
 * One page of a re-send: each live pair forgets the parts and its issue is planned for this
 * connection. Returns how many issues were planned. A pair unlinked or not yet created is skipped.
 */
export async function resendParts(deps: SyncDeps, connectionId: string, parts: readonly string[], pairs: readonly PairRecord[], runId?: string): Promise<number> {
  const connId = toConnectionId(connectionId);
  let planned = 0;
  for (const pair of pairs) {
    if (!pair.localIssueId || pair.unlinkedAt !== undefined) continue;
    await updatePair(deps.store, connId, pair.pairId as PairId, (p) => forgetSent(p, parts, runId), pair);
    // Planned even when this run made it forget before (a retry after a crash between the two): a plan already sent is no change.
    const outcome = await handleLocalChange(deps, { issueId: localIssueId(pair.localIssueId), only: connectionId });
    if (outcome !== 'issue-not-found') planned += 1;
  }
  return planned;
}
