// A project admin edits this project's rule, on the connections where the Jira admin delegated it.
import { useState } from 'react';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import type { ConnectionView, ProjectConnectionsView, RuleView } from '../../../src/shared/resolver-contract';
import { Loading } from '../../shared/components/Loading';
import { ResolverErrorMessage } from '../../shared/components/ResolverErrorMessage';
import { callResolver } from '../../shared/bridge';
import { RouterLink } from '../../shared/components/RouterLink';
import { goToAdminPage } from '../../shared/navigation';
import { useResolver } from '../../shared/use-resolver';
import { ConnectionPicker } from './components/ConnectionPicker';
import { NotAllowed } from './components/NotAllowed';
import { useAccounts } from './rules/accounts';
import { RuleEditor } from './rules/RuleEditor';

export function ProjectSettingsPage({ projectKey }: { projectKey: string }) {
  const view = useResolver<ProjectConnectionsView>('project/connections/list', {});
  const delegated = view.data?.delegated ?? [];
  const others = view.data?.others ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const current = delegated.find((c) => c.id === selected) ?? delegated[0] ?? null;
  const title = `Liaison sharing rule for ${projectKey}`;
  // Not a project admin here: only the reason and whom to ask, no editor that would only fail.
  if (view.error?.code === 'forbidden') return <NotAllowed title={title} message={view.error.message} />;
  return (
    <div className="lz-page">
      <Heading as="h1" size="large">{title}</Heading>
      {view.error && <ResolverErrorMessage error={view.error} />}
      {!view.data && view.loading && <Loading label="Loading connections" />}
      {view.data && !current && (
        <SectionMessage appearance="information" title="Nothing to edit here">
          <p>
            {others.length === 0
              ? `${projectKey} is not shared with any partner. A Jira admin can share it on the `
              : `The Jira admins have not let project admins edit ${projectKey}'s sharing rule. They can allow it on the `}
            <RouterLink href="#liaison-admin-page" onOpen={goToAdminPage}>Liaison admin page</RouterLink>.
          </p>
          {others.length > 0 && <AskWhom others={others} />}
        </SectionMessage>
      )}
      {current && (
        <>
          {delegated.length > 1 && <ConnectionPicker connections={delegated} selected={current.id} onSelect={setSelected} />}
          <ProjectRule key={current.id} connection={current} />
          {others.length > 0 && <AskWhom others={others} />}
        </>
      )}
    </div>
  );
}

/** For each connection not delegated: the people this site named for it, whom to ask. */
function AskWhom({ others }: { others: ProjectConnectionsView['others'] }) {
  return (
    <ul className="lz-list" aria-label="Whom to ask">
      {others.map((o) => (
        <li key={o.connectionId}>
          {o.displayName}: {o.askWhom.length ? `ask ${o.askWhom.map((c) => `${c.name} (${c.email})`).join(' or ')}` : 'ask one of your Jira admins'}
        </li>
      ))}
    </ul>
  );
}

function ProjectRule({ connection }: { connection: ConnectionView }) {
  const rule = useResolver<RuleView>('project/rules/get', { connectionId: connection.id });
  const [editorKey, setEditorKey] = useState(0);
  const accounts = useAccounts(connection.id);
  if (!rule.data) return rule.error ? <ResolverErrorMessage error={rule.error} /> : <Loading label="Loading the rule" />;
  return (
    <>
      <p>{rule.data.current ? `Version ${rule.data.current.version} is in force.` : 'No rule yet: nothing from this project is shared.'}</p>
      <RuleEditor
        key={editorKey}
        view={rule.data}
        connection={connection}
        accounts={accounts}
        save={(r, comment) => callResolver('project/rules/save', { rule: r, comment })}
        onSaved={async () => {
          await rule.reload();
          setEditorKey((k) => k + 1);
        }}
      />
    </>
  );
}
