// A project admin edits this project's rule, on the connections where the Jira admin delegated it.
import { useState } from 'react';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import type { ConnectionView, RuleView } from '../../../src/shared/resolver-contract';
import { Loading } from '../../shared/components/Loading';
import { ResolverErrorMessage } from '../../shared/components/ResolverErrorMessage';
import { callResolver } from '../../shared/bridge';
import { RouterLink } from '../../shared/components/RouterLink';
import { goToAdminPage } from '../../shared/navigation';
import { useResolver } from '../../shared/use-resolver';
import { ConnectionPicker } from './components/ConnectionPicker';
import { RuleEditor } from './rules/RuleEditor';

export function ProjectSettingsPage({ projectKey }: { projectKey: string }) {
  const connections = useResolver<ConnectionView[]>('admin/connections/list', {});
  const delegated = (connections.data ?? []).filter((c) => c.projects.some((p) => p.projectKey === projectKey && p.delegated));
  const [selected, setSelected] = useState<string | null>(null);
  const current = delegated.find((c) => c.id === selected) ?? delegated[0] ?? null;
  return (
    <div className="lz-page">
      <Heading as="h1" size="large">Liaison sharing rule for {projectKey}</Heading>
      {connections.error && <ResolverErrorMessage error={connections.error} />}
      {!connections.data && connections.loading && <Loading label="Loading connections" />}
      {connections.data && !current && (
        <SectionMessage appearance="information" title="Nothing to edit here">
          <p>
            No connection lets project admins edit the sharing rule of {projectKey}. A Jira admin can allow it on the{' '}
            <RouterLink href="#liaison-admin-page" onOpen={goToAdminPage}>Liaison admin page</RouterLink>.
          </p>
        </SectionMessage>
      )}
      {current && (
        <>
          {delegated.length > 1 && <ConnectionPicker connections={delegated} selected={current.id} onSelect={setSelected} />}
          <ProjectRule key={current.id} connection={current} />
        </>
      )}
    </div>
  );
}

function ProjectRule({ connection }: { connection: ConnectionView }) {
  const rule = useResolver<RuleView>('project/rules/get', { connectionId: connection.id });
  const [editorKey, setEditorKey] = useState(0);
  if (!rule.data) return rule.error ? <ResolverErrorMessage error={rule.error} /> : <Loading label="Loading the rule" />;
  return (
    <>
      <p>{rule.data.current ? `Version ${rule.data.current.version} is in force.` : 'No rule yet: nothing from this project is shared.'}</p>
      <RuleEditor
        key={editorKey}
        view={rule.data}
        connection={connection}
        save={(r, comment) => callResolver('project/rules/save', { rule: r, comment })}
        onSaved={async () => {
          await rule.reload();
          setEditorKey((k) => k + 1);
        }}
      />
    </>
  );
}
