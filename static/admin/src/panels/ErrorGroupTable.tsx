// The errors of one cause: when, the issues on both sides (links), what failed, and actions.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import DynamicTable from '@atlaskit/dynamic-table';
import { router } from '@forge/bridge';
import type { SyncErrorView } from '../../../../src/shared/resolver-contract';
import { RouterLink } from '../../../shared/components/RouterLink';
import { fieldLabel, formatWhen } from '../../../shared/logic/format';
import { openInNewTab } from '../../../shared/navigation';
import type { ErrorGroup } from '../logic/lists';

type Props = { group: ErrorGroup; picked: Set<string>; busy: boolean; onPick: (ids: string[], on: boolean) => void; onRetry: (e: SyncErrorView) => void; onDismiss: (e: SyncErrorView) => void };

const whatFailed = (e: SyncErrorView) => e.wording?.title ?? `${e.fieldName ?? fieldLabel(e.field)}: ${e.value}`;

function Issues({ e }: { e: SyncErrorView }) {
  const local = e.issue?.localKey;
  const partner = e.issue?.partnerKey;
  if (!local && !partner) return <span className="lz-muted">No issue</span>;
  const partnerUrl = e.issue?.partnerUrl;
  return (
    <span className="lz-row">
      {local ? <RouterLink href={`/browse/${local}`} onOpen={() => router.navigate(`/browse/${local}`).catch(() => undefined)}>{local}</RouterLink> : <span className="lz-muted">not created here</span>}
      <span aria-hidden="true">↔</span>
      <span className="lz-visually-hidden">linked to</span>
      {partner ? (partnerUrl ? <RouterLink href={partnerUrl} onOpen={() => openInNewTab(partnerUrl)}>{partner}</RouterLink> : partner) : <span className="lz-muted">not created there yet</span>}
    </span>
  );
}

export function ErrorGroupTable({ group, picked, busy, onPick, onRetry, onDismiss }: Props) {
  const now = Date.now();
  const ids = group.errors.map((e) => e.id);
  const allPicked = ids.every((id) => picked.has(id));
  return (
    <>
      <Checkbox label={`Select all ${group.errors.length} in this group`} isChecked={allPicked} onChange={(ev) => onPick(ids, ev.target.checked)} />
      <DynamicTable
        head={{ cells: [{ key: 'pick', content: <span className="lz-visually-hidden">Selected</span> }, { key: 'when', content: 'When' }, { key: 'issue', content: 'Issue' }, { key: 'what', content: 'What failed' }, { key: 'actions', content: 'Actions' }] }}
        rows={group.errors.map((e) => {
          const what = whatFailed(e);
          const on = e.issue?.localKey ?? e.issue?.partnerKey ?? '';
          const name = `${what}${on ? ` on ${on}` : ''}`;
          return {
            key: e.id,
            cells: [
              { key: 'pick', content: <Checkbox label={<span className="lz-visually-hidden">Select {name}</span>} isChecked={picked.has(e.id)} onChange={(ev) => onPick([e.id], ev.target.checked)} /> },
              { key: 'when', content: formatWhen(e.at, now) },
              { key: 'issue', content: <Issues e={e} /> },
              { key: 'what', content: <>{what}{e.wording?.retryHint && <div className="lz-muted">{e.wording.retryHint}</div>}</> },
              {
                key: 'actions',
                content: (
                  <div className="lz-row">
                    {e.retryable && <Button spacing="compact" aria-label={`Retry ${name}`} isDisabled={busy} onClick={() => onRetry(e)}>Retry</Button>}
                    <Button spacing="compact" appearance="subtle" aria-label={`Dismiss ${name}`} isDisabled={busy} onClick={() => onDismiss(e)}>Dismiss</Button>
                  </div>
                ),
              },
            ],
          };
        })}
      />
    </>
  );
}
