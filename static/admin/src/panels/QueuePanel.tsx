// The sync queue and the errors of one connection: filter, retry, dismiss.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import DynamicTable from '@atlaskit/dynamic-table';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Textfield from '@atlaskit/textfield';
import type { QueueEntryView, SyncErrorView } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { fieldLabel, formatWhen } from '../../../shared/logic/format';
import { useAction, useResolver } from '../../../shared/use-resolver';
import { filterErrors } from '../logic/lists';

export function QueuePanel({ connectionId }: { connectionId: string }) {
  const queue = useResolver<QueueEntryView[]>('admin/queue/list', { connectionId });
  const errors = useResolver<SyncErrorView[]>('admin/errors/list', { connectionId });
  const action = useAction(async () => {
    await Promise.all([errors.reload(), queue.reload()]);
  });
  const [text, setText] = useState('');
  const [retryableOnly, setRetryableOnly] = useState(false);
  const now = Date.now();
  const shown = filterErrors(errors.data ?? [], { text, retryableOnly });

  return (
    <div className="lz-page">
      <section className="lz-page" aria-labelledby="errors-h">
        <Heading as="h2" size="medium" id="errors-h">Errors</Heading>
        {errors.error && <ResolverErrorMessage error={errors.error} />}
        {action.error && <ResolverErrorMessage error={action.error} />}
        <div className="lz-row lz-row-end">
          <div className="lz-field lz-grow">
            <Label htmlFor="error-filter">Filter by field, value or reason</Label>
            <Textfield id="error-filter" value={text} onChange={(e) => setText((e.target as HTMLInputElement).value)} />
          </div>
          <Checkbox label="Only errors a retry can fix" isChecked={retryableOnly} onChange={(e) => setRetryableOnly(e.target.checked)} />
        </div>
        <DynamicTable
          caption={`${shown.length} of ${errors.data?.length ?? 0} errors`}
          isLoading={errors.loading && !errors.data}
          head={{ cells: [{ key: 'when', content: 'When' }, { key: 'field', content: 'Field' }, { key: 'value', content: 'Value' }, { key: 'reason', content: 'Reason' }, { key: 'actions', content: 'Actions' }] }}
          rows={shown.map((e) => ({
            key: e.id,
            cells: [
              { key: 'when', content: formatWhen(e.at, now) },
              { key: 'field', content: e.fieldName ?? fieldLabel(e.field) },
              { key: 'value', content: e.value },
              { key: 'reason', content: e.reason },
              {
                key: 'actions',
                content: (
                  <div className="lz-row">
                    {e.retryable && (
                      <Button spacing="compact" aria-label={`Retry ${e.fieldName ?? fieldLabel(e.field)} error`} isDisabled={action.busy !== null} onClick={() => void action.run(`retry-${e.id}`, 'admin/errors/retry', { connectionId, errorId: e.id })}>
                        Retry
                      </Button>
                    )}
                    <Button spacing="compact" appearance="subtle" aria-label={`Dismiss ${e.fieldName ?? fieldLabel(e.field)} error`} isDisabled={action.busy !== null} onClick={() => void action.run(`dismiss-${e.id}`, 'admin/errors/dismiss', { connectionId, errorId: e.id })}>
                      Dismiss
                    </Button>
                  </div>
                ),
              },
            ],
          }))}
          emptyView={<p>No errors.</p>}
        />
      </section>
      <section className="lz-page" aria-labelledby="queue-h">
        <div className="lz-row">
          <Heading as="h2" size="medium" id="queue-h">Queue</Heading>
          <Button spacing="compact" onClick={() => void queue.reload()}>Refresh</Button>
        </div>
        {queue.error && <ResolverErrorMessage error={queue.error} />}
        <DynamicTable
          caption={`${queue.data?.length ?? 0} changes waiting`}
          isLoading={queue.loading && !queue.data}
          head={{ cells: [{ key: 'kind', content: 'Change' }, { key: 'pair', content: 'Issue pair' }, { key: 'attempts', content: 'Attempts' }, { key: 'next', content: 'Next try' }, { key: 'error', content: 'Last error' }] }}
          rows={(queue.data ?? []).map((q) => ({
            key: q.id,
            cells: [
              { key: 'kind', content: `${q.kind} #${q.seq}` },
              { key: 'pair', content: q.pairId },
              { key: 'attempts', content: String(q.attempts) },
              { key: 'next', content: formatWhen(q.nextTryAt, now) },
              { key: 'error', content: q.lastError ?? '—' },
            ],
          }))}
          emptyView={<p>Nothing waiting: every change has been delivered.</p>}
        />
      </section>
    </div>
  );
}
