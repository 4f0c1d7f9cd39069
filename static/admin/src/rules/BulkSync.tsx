// Bulk sync of every in-scope issue of a project, with a progress bar polled while it runs.
import { useEffect } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import ProgressBar from '@atlaskit/progress-bar';
import type { BulkStatus } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { useAction, useResolver } from '../../../shared/use-resolver';
import { bulkProgress } from '../logic/lists';

const POLL_MS = 1500;

export function BulkSync({ connectionId, projectKey }: { connectionId: string; projectKey: string }) {
  const status = useResolver<BulkStatus>('admin/bulk/status', { connectionId, projectKey });
  const action = useAction(status.reload);
  const progress = bulkProgress(status.data);

  useEffect(() => {
    if (!progress.running) return;
    const t = setInterval(() => void status.reload(), POLL_MS);
    return () => clearInterval(t);
  }, [progress.running, status.reload]);

  return (
    <section className="lz-card" aria-labelledby="bulk-h">
      <Heading as="h3" size="small" id="bulk-h">Bulk sync {projectKey}</Heading>
      <p className="lz-muted">Queues every issue of {projectKey} that is in scope, for example after the first rule or a rule change.</p>
      {status.error && <ResolverErrorMessage error={status.error} />}
      {action.error && <ResolverErrorMessage error={action.error} />}
      <ProgressBar value={progress.fraction} ariaLabel={`Bulk sync of ${projectKey}: ${progress.label}`} />
      <p role="status">{progress.label}</p>
      <div>
        <Button isDisabled={progress.running || action.busy !== null} onClick={() => void action.run('bulk', 'admin/bulk/start', { connectionId, projectKey })}>
          {progress.running ? 'Bulk sync running…' : `Bulk sync ${projectKey}`}
        </Button>
      </div>
    </section>
  );
}
