// Bulk sync of every in-scope issue of a project: asks first (with the number of issues), then a
// progress bar polled while it runs, and at the end what became of what was sent: delivered,
// refused by the partner, still waiting.
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import type { BulkStatus } from '../../../../src/shared/resolver-contract';
import { ConfirmModal } from '../../../shared/components/ConfirmModal';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { useAction, useResolver } from '../../../shared/use-resolver';
import { bulkProgress } from '../logic/lists';

const POLL_MS = 1500;

export function BulkSync({ connectionId, projectKey }: { connectionId: string; projectKey: string }) {
  const status = useResolver<BulkStatus>('admin/bulk/status', { connectionId, projectKey });
  const action = useAction(status.reload);
  const [asking, setAsking] = useState(false);
  const progress = bulkProgress(status.data);
  const count = status.data?.issuesInProject;
  const refused = status.data?.state === 'done' ? (status.data.refused ?? 0) : 0;

  useEffect(() => {
    if (!progress.running) return;
    const t = setInterval(() => void status.reload(), POLL_MS);
    return () => clearInterval(t);
  }, [progress.running, status.reload]);

  return (
    <section className="lz-card" aria-labelledby="bulk-h">
      <Heading as="h3" size="small" id="bulk-h">Bulk sync {projectKey}</Heading>
      <p className="lz-muted">Checks every issue of {projectKey} and sends those in scope, for example after the first rule or a rule change.</p>
      {status.error && <ResolverErrorMessage error={status.error} />}
      {action.error && <ResolverErrorMessage error={action.error} />}
      <ProgressBar value={progress.fraction} ariaLabel={`Bulk sync of ${projectKey}: ${progress.label}`} />
      <p role="status">{progress.label}</p>
      {refused > 0 && (
        <SectionMessage appearance="warning" title={`The partner refused ${refused} of them`}>
          <p>They are in the error list (Queue and errors tab), which says who must fix what; retry them from there once it is fixed.</p>
        </SectionMessage>
      )}
      <div>
        <Button isDisabled={progress.running || action.busy !== null} onClick={() => setAsking(true)}>
          {progress.running ? 'Bulk sync running…' : `Bulk sync ${projectKey}`}
        </Button>
      </div>
      <ConfirmModal
        open={asking}
        title={`Bulk sync ${count === undefined ? 'the issues' : `${count.toLocaleString('en-US')} issue${count === 1 ? '' : 's'}`} of ${projectKey}?`}
        confirmLabel="Start bulk sync"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void action.run('bulk', 'admin/bulk/start', { connectionId, projectKey });
        }}
      >
        <p>
          Liaison checks {count === undefined ? 'every issue' : `all ${count.toLocaleString('en-US')} issues`} of {projectKey} and sends the partner those in scope of the
          sharing rule that it has not received yet. Issues already in sync cost a read and send nothing.
        </p>
      </ConfirmModal>
    </section>
  );
}
