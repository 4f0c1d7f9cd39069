// Per-project sharing rules of one connection: pick a project, edit its rule, delegate it,
// bulk sync it, and browse or roll back its versions.
import { useState } from 'react';
import { Checkbox } from '@atlaskit/checkbox';
import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import type { ConnectionView, ProjectView, RuleView } from '../../../../src/shared/resolver-contract';
import { Loading } from '../../../shared/components/Loading';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { callResolver } from '../../../shared/bridge';
import { useAction, useResolver } from '../../../shared/use-resolver';
import { useAccounts } from './accounts';
import { BulkSync } from './BulkSync';
import { RuleEditor } from './RuleEditor';
import { RulesCode } from './RulesCode';
import { VersionHistory } from './VersionHistory';

type Option = { label: string; value: string };

export function RulesPanel({ connection, reloadConnections }: { connection: ConnectionView; reloadConnections: () => Promise<void> }) {
  const projects = useResolver<ProjectView[]>('admin/projects/list', {});
  const [projectKey, setProjectKey] = useState<string | null>(connection.projects[0]?.projectKey ?? null);
  const options: Option[] = (projects.data ?? []).map((p) => ({ label: `${p.name} (${p.key})`, value: p.key }));
  // An import changes rules under the open editor: it starts again from what is stored.
  const [imported, setImported] = useState(0);
  return (
    <div className="lz-page">
      {projects.error && <ResolverErrorMessage error={projects.error} />}
      <div className="lz-field">
        <Label htmlFor="rule-project">Project</Label>
        <Select<Option> inputId="rule-project" options={options} isLoading={projects.loading} value={options.find((o) => o.value === projectKey) ?? null} onChange={(o) => o && setProjectKey(o.value)} />
      </div>
      <RulesCode connectionId={connection.id} onApplied={async () => { setImported((n) => n + 1); await reloadConnections(); }} />
      {projectKey ? <ProjectRule key={`${projectKey}-${imported}`} connection={connection} projectKey={projectKey} projects={projects.data ?? undefined} reloadConnections={reloadConnections} /> : <p>Pick a project to see or create its sharing rule.</p>}
    </div>
  );
}

function ProjectRule({ connection, projectKey, projects, reloadConnections }: { connection: ConnectionView; projectKey: string; projects: ProjectView[] | undefined; reloadConnections: () => Promise<void> }) {
  const connectionId = connection.id;
  const accounts = useAccounts();
  const rule = useResolver<RuleView>('admin/rules/get', { connectionId, projectKey });
  const delegate = useAction(rule.reload);
  const [editorKey, setEditorKey] = useState(0);
  if (!rule.data) return rule.error ? <ResolverErrorMessage error={rule.error} /> : <Loading label={`Loading the rule for ${projectKey}`} />;
  const view = rule.data;
  const refresh = async () => {
    await rule.reload();
    await reloadConnections();
    setEditorKey((k) => k + 1); // the editor starts again from the stored version
  };
  return (
    <>
      {rule.error && <ResolverErrorMessage error={rule.error} />}
      <p>{view.current ? `Version ${view.current.version} is in force.` : 'No rule yet: nothing from this project is shared.'}</p>
      <Checkbox
        label={`Project admins of ${projectKey} may edit this rule`}
        isChecked={view.delegated}
        isDisabled={delegate.busy !== null}
        onChange={(e) => void delegate.run('delegate', 'admin/rules/delegate', { connectionId, projectKey, allowed: e.target.checked })}
      />
      {delegate.error && <ResolverErrorMessage error={delegate.error} />}
      <RuleEditor key={editorKey} view={view} connection={connection} projects={projects} accounts={accounts} save={(r, comment) => callResolver('admin/rules/save', { rule: r, comment })} onSaved={refresh} />
      <VersionHistory view={view} restore={(version) => callResolver('admin/rules/restore', { connectionId, projectKey, version, comment: '' })} onRestored={refresh} />
      <BulkSync connectionId={connectionId} projectKey={projectKey} />
    </>
  );
}
