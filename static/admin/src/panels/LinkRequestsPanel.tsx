// Partner requests to link their issues to existing ones here, across every connection. Nothing
// syncs until someone accepts (here or in the issue's panel); declining tells the partner.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import type { LinkRequestView } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { RouterLink } from '../../../shared/components/RouterLink';
import { openInNewTab } from '../../../shared/navigation';
import { formatWhen } from '../../../shared/logic/format';
import { useAction, useResolver } from '../../../shared/use-resolver';

export function LinkRequestsPanel({ connectionName }: { connectionName: (connectionId: string) => string }) {
  const requests = useResolver<LinkRequestView[]>('admin/link-requests/list', {});
  const action = useAction(requests.reload);
  const list = requests.data ?? [];
  const now = Date.now();
  if (list.length === 0 && !requests.error) return null;
  return (
    <section className="lz-page" aria-labelledby="link-requests-h">
      <Heading as="h2" size="medium" id="link-requests-h">Link requests</Heading>
      <p>Partners asked to link their issues to existing issues here. Nothing syncs until you (or an agent on the issue) accept.</p>
      {requests.error && <ResolverErrorMessage error={requests.error} />}
      {action.error && <ResolverErrorMessage error={action.error} />}
      <DynamicTable
        caption={`${list.length} waiting`}
        head={{ cells: [{ key: 'when', content: 'Requested' }, { key: 'connection', content: 'Connection' }, { key: 'partner', content: 'Partner issue' }, { key: 'local', content: 'Issue here' }, { key: 'actions', content: 'Actions' }] }}
        rows={list.map((r) => {
          const payload = { connectionId: r.connectionId, pairId: r.pairId };
          return {
            key: `${r.connectionId}/${r.pairId}`,
            cells: [
              { key: 'when', content: formatWhen(r.requestedAt, now) },
              { key: 'connection', content: connectionName(r.connectionId) },
              { key: 'partner', content: r.partnerIssueUrl ? <RouterLink href={r.partnerIssueUrl} onOpen={() => openInNewTab(r.partnerIssueUrl!)}>{r.partnerIssueKey}</RouterLink> : r.partnerIssueKey },
              { key: 'local', content: r.localIssueKey },
              {
                key: 'actions',
                content: (
                  <div className="lz-row">
                    <Button spacing="compact" appearance="primary" aria-label={`Accept link of ${r.partnerIssueKey} to ${r.localIssueKey}`} isDisabled={action.busy !== null} onClick={() => void action.run(`accept-${r.pairId}`, 'admin/link-requests/accept', payload)}>
                      Accept
                    </Button>
                    <Button spacing="compact" appearance="subtle" aria-label={`Decline link of ${r.partnerIssueKey} to ${r.localIssueKey}`} isDisabled={action.busy !== null} onClick={() => void action.run(`decline-${r.pairId}`, 'admin/link-requests/decline', payload)}>
                      Decline
                    </Button>
                  </div>
                ),
              },
            ],
          };
        })}
      />
    </section>
  );
}
