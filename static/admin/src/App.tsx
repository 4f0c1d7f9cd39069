// One bundle, two Jira pages: the Jira admin page and a project's settings page.
import { useEffect, useState } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { view } from '@forge/bridge';
import { Loading } from '../../shared/components/Loading';
import { AdminPage } from './AdminPage';
import { ProjectSettingsPage } from './ProjectSettingsPage';
import { pageKindFromContext, type PageKind } from './logic/page-kind';

export function App() {
  const [kind, setKind] = useState<PageKind | null>(null);
  useEffect(() => {
    view.getContext().then(
      (ctx) => setKind(pageKindFromContext(ctx)),
      (e: unknown) => setKind({ kind: 'unknown', reason: `Jira did not give this page its context: ${e instanceof Error ? e.message : String(e)}` }),
    );
  }, []);
  if (!kind) return <div className="lz-page"><Loading label="Loading Liaison" /></div>;
  if (kind.kind === 'admin') return <AdminPage />;
  if (kind.kind === 'project') return <ProjectSettingsPage projectKey={kind.projectKey} />;
  return (
    <div className="lz-page">
      <SectionMessage appearance="error" title="Liaison cannot show this page">
        <p>{kind.reason}</p>
      </SectionMessage>
    </div>
  );
}
