// The sync queue and the errors of one connection: errors grouped by cause with bulk retry and
// dismiss, then what is still on its way.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import type { QueueEntryView, SyncErrorView } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { formatWhen } from '../../../shared/logic/format';
import { useResolver } from '../../../shared/use-resolver';
import { ErrorsSection } from './ErrorsSection';

const KIND_TEXT: Record<string, string> = { replica: 'Changes to the issue', unlink: 'Unlink', batch: 'Changes to several issues' };

const issueText = (q: QueueEntryView) => {
  const sides = [q.issue?.localKey, q.issue?.partnerKey].filter(Boolean);
  return sides.length ? sides.join(' ↔ ') : 'An issue not created yet';
};

export function QueuePanel({ connectionId, partnerName, onChanged }: { connectionId: string; partnerName: string; onChanged: () => Promise<void> }) {
  const queue = useResolver<QueueEntryView[]>('admin/queue/list', { connectionId });
  const errors = useResolver<SyncErrorView[]>('admin/errors/list', { connectionId });
  const now = Date.now();
  return (
    <div className="lz-page">
      <ErrorsSection
        connectionId={connectionId}
        partnerName={partnerName}
        errors={errors}
        onChanged={async () => {
          await Promise.all([queue.reload(), onChanged()]);
        }}
      />
      <section className="lz-page" aria-labelledby="queue-h">
        <div className="lz-row">
          <Heading as="h2" size="medium" id="queue-h">Queue</Heading>
          <Button spacing="compact" onClick={() => void queue.reload()}>Refresh</Button>
        </div>
        {queue.error && <ResolverErrorMessage error={queue.error} />}
        <DynamicTable
          caption={`${queue.data?.length ?? 0} changes on their way to ${partnerName}`}
          isLoading={queue.loading && !queue.data}
          head={{ cells: [{ key: 'kind', content: 'Change' }, { key: 'issue', content: 'Issue' }, { key: 'attempts', content: 'Tries' }, { key: 'next', content: 'Next try' }, { key: 'error', content: 'Why it waits' }] }}
          rows={(queue.data ?? []).map((q) => ({
            key: q.id,
            cells: [
              { key: 'kind', content: KIND_TEXT[q.kind] ?? 'Change' },
              { key: 'issue', content: issueText(q) },
              { key: 'attempts', content: String(q.attempts) },
              { key: 'next', content: formatWhen(q.nextTryAt, now) },
              { key: 'error', content: q.lastErrorText ?? (q.lastError ? 'The last try failed; Liaison tries again' : 'Not tried yet') },
            ],
          }))}
          emptyView={<p>Nothing waiting: every change has been delivered.</p>}
        />
      </section>
    </div>
  );
}
