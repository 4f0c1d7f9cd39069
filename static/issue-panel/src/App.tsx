// The issue panel: partner issue(s), sync state, what is shared, and the agent's actions.
import { lazy, Suspense, useEffect } from 'react';
import Heading from '@atlaskit/heading';
import type { PanelView } from '../../../src/shared/resolver-contract';
import { Loading } from '../../shared/components/Loading';
import { useAction, useResolver } from '../../shared/use-resolver';
import { AvailableCard } from './components/AvailableCard';
import { LinkCard } from './components/LinkCard';
import { LinkRequestCard } from './components/LinkRequestCard';
import { markFirstContent } from './logic/first-content';
import { AUTO_REFRESH_MS, needsAutoRefresh } from './logic/panel-model';
import { RouterLink } from '../../shared/components/RouterLink';
import { goToAdminPage } from '../../shared/navigation';

// Failures are rare: their message (an Atlaskit section message) loads only when one happens.
const ResolverErrorMessage = lazy(() => import('../../shared/components/ResolverErrorMessage').then((m) => ({ default: m.ResolverErrorMessage })));

export function App() {
  const panel = useResolver<PanelView>('panel/get', {});
  const action = useAction(panel.reload);
  const view = panel.data;
  const polling = needsAutoRefresh(view);

  useEffect(() => {
    if (view || panel.error) markFirstContent();
  }, [view, panel.error]);

  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void panel.reload(), AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [polling, panel.reload]);

  if (!view) {
    if (panel.error) return <div className="lz-page"><Suspense fallback={<p role="alert">{panel.error.message}</p>}><ResolverErrorMessage error={panel.error} /></Suspense></div>;
    return <div className="lz-page"><Loading label="Loading partner links" /></div>;
  }
  return (
    <div className="lz-page" aria-busy={panel.loading || action.busy !== null}>
      <Heading as="h1" size="small">Partner sync for {view.issue.key}</Heading>
      <Suspense fallback={null}>
        {panel.error && <ResolverErrorMessage error={panel.error} title="Could not refresh" />}
        {action.error && <ResolverErrorMessage error={action.error} />}
      </Suspense>
      {!view.canAct && <p className="lz-note">You can see how this issue syncs, but only people who can edit the issue can change it.</p>}
      {polling && <p className="lz-muted" role="status">A change is on its way; this panel updates by itself.</p>}
      {(view.linkRequests ?? []).map((request) => (
        <LinkRequestCard key={`${request.connectionId}/${request.pairId}`} view={view} request={request} busy={action.busy} run={action.run} />
      ))}
      {view.links.map((link) => (
        <LinkCard key={link.connectionId} view={view} link={link} busy={action.busy} run={action.run} />
      ))}
      {view.available.map((a) => (
        <AvailableCard key={a.connectionId} view={view} available={a} busy={action.busy} run={action.run} />
      ))}
      {view.links.length === 0 && view.available.length === 0 && !view.linkRequests?.length && (
        <p>
          This issue is not shared with any partner: no sharing rule covers project {view.issue.projectKey}. Jira admins share projects
          on the <RouterLink href="#liaison-admin-page" onOpen={goToAdminPage}>Liaison admin page</RouterLink>.
        </p>
      )}
    </div>
  );
}
