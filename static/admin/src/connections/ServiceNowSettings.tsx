// The ServiceNow settings of a connected instance: what Liaison read from it ("Refresh instance
// settings" reads choices, codes and the priority lookup again), and the rule's code and notes per
// resolving or closing state, picked from the instance's own codes.
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { useAction } from '../../../shared/use-resolver';
import { draftsFor, lookupText, resolutionsFrom, settingsFrom, type ServiceNowSettingsView, type StateDraft } from '../logic/servicenow-settings';

/** onSaved: the connection list is read again, so its details show the rule version just saved. */
export function ServiceNowSettings({ connectionId, onSaved }: { connectionId: string; onSaved: () => Promise<void> | void }) {
  const [view, setView] = useState<ServiceNowSettingsView | null>(null);
  const [project, setProject] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<StateDraft[]>([]);
  const [said, setSaid] = useState<string | null>(null);
  const action = useAction(() => undefined);
  const show = (data: unknown, note: string | null) => {
    const v = settingsFrom(data);
    if (!v) return;
    const rule = v.rules.find((r) => r.projectKey === project) ?? v.rules[0];
    setView(v);
    setProject(rule?.projectKey ?? null);
    setDrafts(draftsFor(v, rule));
    setSaid(note);
  };
  useEffect(() => {
    void action.run('load', 'admin/connections/servicenow-settings', { connectionId }).then((d) => show(d, null));
    // Loaded once per connection; show() and the action are fresh each render on purpose.
  }, [connectionId]);

  const refresh = async () => show(await action.run('refresh', 'admin/connections/servicenow-refresh', { connectionId }), 'The instance’s settings were read again.');
  const save = async () => {
    if (!project) return;
    const data = await action.run('save', 'admin/connections/servicenow-resolutions', { connectionId, projectKey: project, resolutions: resolutionsFrom(drafts) });
    if (!data) return;
    show(data, `Saved as a new version of the ${project} rule.`);
    await onSaved();
  };
  const codes = (view?.codes ?? []).map((c) => ({ value: c.value, label: c.label === c.value ? c.value : `${c.label} (${c.value})` }));
  const problems = view?.rules.find((r) => r.projectKey === project)?.problems ?? [];
  const set = (i: number, patch: Partial<StateDraft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  return (
    <section className="lz-card" aria-labelledby={`sn-settings-${connectionId}`}>
      <Heading as="h3" size="small" id={`sn-settings-${connectionId}`}>ServiceNow settings</Heading>
      {view && <p className="lz-muted">{`${view.instanceUrl}, table ${view.table}. ${lookupText(view)}`}</p>}
      <Button isDisabled={action.busy !== null} onClick={() => void refresh()}>{action.busy === 'refresh' ? 'Refreshing…' : 'Refresh instance settings'}</Button>
      {said && <p role="status">{said}</p>}
      {problems.length > 0 && (
        <SectionMessage appearance="warning" title="Some codes no longer fit the instance">
          <ul>{problems.map((p) => <li key={p.path}>{p.message}</li>)}</ul>
        </SectionMessage>
      )}
      {view && project && drafts.length > 0 && (
        <>
          <p>{`When Jira moves a record of ${view.table} into one of these states, ServiceNow’s data policy wants a ${view.codeLabel ?? 'code'} and notes. {key} in the notes becomes the Jira issue key. An empty code uses the connection’s default${view.defaultResolution?.code ? ` (${view.defaultResolution.code})` : ''}.`}</p>
          {drafts.map((d, i) => (
            <div className="lz-row" key={d.state.value} role="group" aria-label={`Resolution for ${d.state.label}`}>
              <div className="lz-field">
                <Label htmlFor={`sn-code-${d.state.value}`}>{`${view.codeLabel ?? 'Code'} for ${d.state.label}`}</Label>
                <Select inputId={`sn-code-${d.state.value}`} isClearable options={codes} value={codes.find((c) => c.value === d.code) ?? null} onChange={(o) => set(i, { code: o?.value ?? '' })} />
              </div>
              <div className="lz-field lz-grow">
                <Label htmlFor={`sn-notes-${d.state.value}`}>{`Notes for ${d.state.label}`}</Label>
                <Textfield id={`sn-notes-${d.state.value}`} value={d.notes} placeholder="Resolved in Jira {key}" onChange={(e) => set(i, { notes: (e.target as HTMLInputElement).value })} />
              </div>
            </div>
          ))}
          <HelperMessage>{`Saved into the sharing rule of ${project}, checked against the instance’s codes as they are now.`}</HelperMessage>
          <Button appearance="primary" isDisabled={action.busy !== null} onClick={() => void save()}>{action.busy === 'save' ? 'Saving…' : 'Save resolutions'}</Button>
        </>
      )}
      {action.error && <ResolverErrorMessage error={action.error} title="The ServiceNow settings could not be changed" />}
    </section>
  );
}
