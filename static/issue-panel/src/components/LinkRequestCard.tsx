// A partner asked to link one of its issues to this one. Nothing syncs until an agent here accepts;
// declining tells the partner. Only people who can edit the issue may answer.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import type { LinkRequestView, PanelView } from '../../../../src/shared/resolver-contract';
import { RouterLink } from '../../../shared/components/RouterLink';
import { openInNewTab } from '../../../shared/navigation';
import type { RunAction } from './types';

type Props = { view: PanelView; request: LinkRequestView; busy: string | null; run: RunAction };

export function LinkRequestCard({ view, request, busy, run }: Props) {
  const heading = `Link request from partner issue ${request.partnerIssueKey}`;
  const payload = { connectionId: request.connectionId, pairId: request.pairId };
  const accepting = `accept-${request.pairId}`;
  const declining = `decline-${request.pairId}`;
  return (
    <section className="lz-card" aria-label={heading}>
      <Heading as="h2" size="xsmall">{heading}</Heading>
      <p>The partner asks to link one of its issues to {view.issue.key}. Nothing is synced until someone here accepts; then both issues sync under this project's sharing rule.</p>
      <dl className="lz-dl" aria-label="The request">
        <dt>Partner issue</dt>
        <dd>{request.partnerIssueUrl ? <RouterLink href={request.partnerIssueUrl} onOpen={() => openInNewTab(request.partnerIssueUrl!)}>{request.partnerIssueKey}</RouterLink> : request.partnerIssueKey}</dd>
        <dt>Requested</dt>
        <dd>{new Date(request.requestedAt).toLocaleString()}</dd>
      </dl>
      {view.canAct && (
        <div className="lz-row">
          <Button appearance="primary" isDisabled={busy !== null} onClick={() => void run(accepting, 'panel/link-requests/accept', payload)}>
            {busy === accepting ? 'Accepting…' : 'Accept link'}
          </Button>
          <Button isDisabled={busy !== null} onClick={() => void run(declining, 'panel/link-requests/decline', payload)}>
            {busy === declining ? 'Declining…' : 'Decline'}
          </Button>
        </div>
      )}
    </section>
  );
}
