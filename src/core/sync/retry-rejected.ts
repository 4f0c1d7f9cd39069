// The retry button on a value the partner rejected (e.g. an option its field lacked): once the
// partner's admin has fixed their side, send the field again. The pair forgets what it last sent
// for that field, so the next plan treats the current value as a fresh local edit (a new version,
// which the partner evaluates under its rule as it stands now).
import { connectionId as toConnectionId, pairId as toPairId } from '../ids';
import { updatePair } from '../ledger/update-pair';
import type { FieldKey } from '../replica/field-key';
import { err, ok, type Result } from '../result';
import type { SyncDeps } from './deps';
import { handleLocalChange } from './on-local-change';

export const PARTNER_FIELD_PREFIX = 'partner:';

export async function retryRejectedValue(deps: SyncDeps, input: { connectionId: string; errorId: string }): Promise<Result<{ resent: string }, 'not-found' | 'not-retryable'>> {
  const record = (await deps.store.listErrors(input.connectionId)).find((e) => e.id === input.errorId);
  if (!record) return err('not-found', `error ${input.errorId} does not exist`);
  if (!record.field.startsWith(PARTNER_FIELD_PREFIX) || !record.pairId) return err('not-retryable', 'only values the partner rejected can be sent again');
  const partnerField = record.field.slice(PARTNER_FIELD_PREFIX.length);
  const rules = await deps.config.currentRules(toConnectionId(input.connectionId));
  // The local field that feeds the partner's field (usually the same key).
  const local = rules.flatMap((r) => Object.entries(r.fields)).find(([key, p]) => p && p.direction !== 'in' && (p.partnerField ?? key) === partnerField)?.[0] ?? partnerField;
  const pair = await updatePair(deps.store, toConnectionId(input.connectionId), toPairId(record.pairId), (p) => {
    const state = p.fields[local as FieldKey];
    if (!state) return null;
    return { ...p, fields: { ...p.fields, [local]: { ...state, localHash: '' } } };
  });
  if (!pair?.localIssueId) return err('not-found', 'the pair of this error no longer exists here');
  await deps.store.removeError(record.id, { connectionId: input.connectionId });
  await handleLocalChange(deps, { issueId: pair.localIssueId });
  return ok({ resent: local });
}
