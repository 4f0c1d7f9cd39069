// A sender from before the worklogsPerMessage limit (9e9be9f and older) cannot read its refusal: its
// sender knows only the limits of its own version (a 429 naming another limit is no limit to it), so
// it would send the same message again and again until it gave up, and the worklogs, fields
// and every later change would stop there. Such a sender announces nothing (`accepts` came after the
// limit), so for it the receiver takes the message in pieces instead: each delivery applies the
// worklogs still to do, at most the limit, and until the last one answers with a wait every version
// reads ('tracker-rate-limited': the sender waits the time named and sends the same message again,
// without counting a failed attempt). The last piece applies and acknowledges the message as usual.
import type { Connection } from '../connection';
import { checkMessage } from '../limits/message-limits';
import { effectiveLimits } from '../limits/limits';
import type { Worklogs } from '../planning/outgoing-worklogs';
import { planIncomingWorklogs } from '../planning/incoming-worklogs';
import type { EnvelopeOf } from '../protocol/envelope';
import type { SharingRule } from '../rules/schema';
import type { ConnectionId, PairId } from '../ids';
import { updatePair } from '../ledger/update-pair';
import type { PlanError } from '../planning/change-plan';
import type { SyncDeps } from './deps';
import { reject, type ReceiveResult } from './responses';

/** Between pieces: the worklogs of one piece are writes to one issue, which Jira takes ~2 a second after a burst of 20. */
export const WORKLOG_PIECE_WAIT_MS = 15_000;

/** Whether a sender reads a worklogsPerMessage refusal: every version that announces does (cf33b9b predates c958759). */
export const senderReadsWorklogLimit = (connection: Pick<Connection, 'partnerKind' | 'partnerProfile'>): boolean =>
  connection.partnerKind === 'servicenow' || connection.partnerProfile?.accepts !== undefined;

/**
 * The limit to take `env`'s worklogs in pieces of, when its sender cannot read the refusal and the
 * message is over no other limit; null: check the limits as for any sender.
 */
export function worklogPieceSize(connection: Pick<Connection, 'partnerKind' | 'partnerProfile' | 'limits'>, env: EnvelopeOf<'replica'>, raw: string): number | null {
  if (senderReadsWorklogLimit(connection)) return null;
  const breach = checkMessage(env.body.replica, new TextEncoder().encode(raw).length, effectiveLimits(connection.limits));
  return breach?.limit === 'worklogsPerMessage' ? breach.max : null;
}

/**
 * `env` with only the worklogs the pair still has to take (the first `max` of them), and whether
 * more are left for the next delivery. A worklog already taken (or one the rule does not take) is
 * no work, so each delivery moves on by up to `max`.
 */
export function nextWorklogPiece(env: EnvelopeOf<'replica'>, rule: SharingRule, prior: Worklogs | undefined, max: number): { env: EnvelopeOf<'replica'>; more: boolean } {
  const all = env.body.replica.worklogs ?? [];
  if (!rule.incoming.worklogs.enabled) return { env, more: false };
  const todo = all.filter((w) => {
    const { plan } = planIncomingWorklogs([w], rule, prior);
    return plan.add.length + plan.edit.length + plan.delete.length > 0;
  });
  const piece = todo.slice(0, max);
  return { env: { ...env, body: { ...env.body, replica: { ...env.body.replica, worklogs: piece } } }, more: todo.length > max };
}

/** The answer to a delivery whose worklogs are not all taken yet: send the same message again after the wait. */
export const morePiecesToCome = (env: EnvelopeOf<'replica'>, taken: number, max: number): ReceiveResult =>
  reject('tracker-rate-limited', `message #${env.seq} carries more worklogs than this side takes at once (${max}); ${taken} taken, send it again for the rest`, WORKLOG_PIECE_WAIT_MS);

/** Errors an ack may name (its schema's bound): a long run of pieces keeps the latest. */
const PIECE_ERRORS_MAX = 200;

/**
 * A piece's errors, kept on the pair until the last piece's ack names them: the sender hears of
 * them only through that ack (the pieces before it are answered with a wait). One pair write, only
 * when the piece met errors.
 */
export async function notePieceErrors(deps: Pick<SyncDeps, 'store'>, connId: ConnectionId, pairId: PairId, errors: readonly PlanError[]): Promise<void> {
  await updatePair(deps.store, connId, pairId, (p) => {
    const all = withPieceErrors(p.pieceErrors, errors);
    return all.length === (p.pieceErrors ?? []).length ? null : { ...p, pieceErrors: all.slice(-PIECE_ERRORS_MAX) };
  });
}

/** The earlier pieces' errors and this one's, each once (a field refused by every piece is one error). */
export function withPieceErrors(earlier: readonly PlanError[] | undefined, errors: readonly PlanError[]): PlanError[] {
  const out: PlanError[] = [];
  const seen = new Set<string>();
  for (const e of [...(earlier ?? []), ...errors]) {
    const key = JSON.stringify([e.field, e.value, e.reason]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
