// A partner asked to link one of its issues to this one. Nothing syncs until an agent here accepts;
// declining tells the partner. Only people who can edit the issue may answer.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import type { LinkRequestView, PanelView } from '../../../../src/shared/resolver-contract';
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
      <p>
        The partner asks to link{' '}
        {request.partnerIssueUrl ? <a href={request.partnerIssueUrl} target="_blank" rel="noreferrer noopener">{request.partnerIssueKey}</a> : request.partnerIssueKey}{' '}
        to {view.issue.key}. Nothing is synced until someone here accepts; then both issues sync under this project's sharing rule.
      </p>
      <p className="lz-muted">Requested {new Date(request.requestedAt).toLocaleString()}</p>
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
