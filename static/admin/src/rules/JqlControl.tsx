// The scope's JQL box: the clause as the admin types it, checked by Jira when they leave the box —
// Jira's parse error shown inline, or how many of the project's issues the clause takes in. The
// rule's own validation problems (at save) show here too.
import { useEffect, useState } from 'react';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import TextArea from '@atlaskit/textarea';
import type { JqlCheckView } from '../../../../src/shared/resolver-contract';
import { callResolver } from '../../../shared/bridge';
import { controlId, problemsAt, type Problem } from '../logic/validation-errors';

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'done'; view: JqlCheckView } | { state: 'unavailable'; message: string };

type Props = { path: string; label: string; help: string; projectKey: string; value: string; problems: readonly Problem[]; onChange: (v: string | undefined) => void };

export function JqlControl({ path, label, help, projectKey, value, problems, onChange }: Props) {
  const id = controlId(path);
  const [text, setText] = useState(value);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  useEffect(() => setText(value), [value]);
  const commit = async () => {
    const jql = text.trim();
    onChange(jql === '' ? undefined : jql);
    if (jql === '') return setCheck({ state: 'idle' });
    setCheck({ state: 'checking' });
    const res = await callResolver<JqlCheckView>('admin/rules/check-jql', { projectKey, jql });
    // Project admins editing a delegated rule cannot run the check; the save still validates.
    if (!res.ok) return setCheck(res.error.code === 'forbidden' ? { state: 'idle' } : { state: 'unavailable', message: res.error.message });
    setCheck({ state: 'done', view: res.data });
  };
  const errors = [...problemsAt(problems, path), ...(check.state === 'done' ? check.view.errors : [])];
  return (
    <div className="lz-field">
      <Label htmlFor={id}>{label}</Label>
      <TextArea
        id={id}
        value={text}
        minimumRows={2}
        resize="vertical"
        placeholder="e.g. priority in (High, Highest) AND labels = vendor"
        isInvalid={errors.length > 0}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={`${id}-msg`}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void commit()}
      />
      <div id={`${id}-msg`} aria-live="polite">
        <HelperMessage>{help}</HelperMessage>
        {errors.map((m, i) => (
          <ErrorMessage key={i}>{m}</ErrorMessage>
        ))}
        {check.state === 'checking' && <HelperMessage>Checking with Jira…</HelperMessage>}
        {check.state === 'done' && check.view.count !== null && (
          <HelperMessage>{`${check.view.count} issue${check.view.count === 1 ? '' : 's'} of ${projectKey} match${check.view.count === 1 ? 'es' : ''} today.`}</HelperMessage>
        )}
        {check.state === 'unavailable' && <HelperMessage>{`Jira could not check it now: ${check.message}`}</HelperMessage>}
      </div>
    </div>
  );
}
