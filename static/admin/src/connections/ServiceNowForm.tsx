// Connect a ServiceNow instance: settings and credentials in, a diagnosis on "Test connection",
// and after connecting the notice URL and secret shown once for the instance's system properties.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { useAction } from '../../../shared/use-resolver';
import { checkDraft, DEFAULT_RESOLUTION_NOTES, diagnosisFrom, diagnosisTitle, emptyDraft, noticeFrom, problemsFromDetails, type AuthKind, type Diagnosis, type DraftField, type DraftProblems, type Notice, type ServiceNowDraft } from '../logic/servicenow-form';
import { NoticeOnce } from './NoticeOnce';

const AUTH: Array<{ label: string; value: AuthKind }> = [
  { label: 'User name and password (basic)', value: 'basic' },
  { label: 'OAuth client credentials', value: 'oauth' },
];

type FieldProps = { field: DraftField; label: string; draft: ServiceNowDraft; problems: DraftProblems; set: (f: DraftField, v: string) => void; secret?: boolean; help?: string };

function Field({ field, label, draft, problems, set, secret, help }: FieldProps) {
  const id = `sn-${field}`;
  const problem = problems[field];
  const described = [help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="lz-field">
      <Label htmlFor={id}>{label}</Label>
      <Textfield
        id={id}
        type={secret ? 'password' : 'text'}
        autoComplete={secret ? 'new-password' : 'off'}
        value={draft[field]}
        isInvalid={problem !== undefined}
        aria-invalid={problem !== undefined}
        aria-describedby={described || undefined}
        onChange={(e) => set(field, (e.target as HTMLInputElement).value)}
      />
      {help && <div id={`${id}-help`}><HelperMessage>{help}</HelperMessage></div>}
      {problem && <div id={`${id}-error`}><ErrorMessage>{problem}</ErrorMessage></div>}
    </div>
  );
}

export function ServiceNowForm({ onDone }: { onDone: () => Promise<void> }) {
  const [draft, setDraft] = useState<ServiceNowDraft>(emptyDraft);
  const [problems, setProblems] = useState<DraftProblems>({});
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const testing = useAction(() => undefined);
  const connecting = useAction(onDone);
  const busy = testing.busy !== null || connecting.busy !== null;
  // The backend's own field problems (invalid-payload details) show next to the fields too.
  const shown: DraftProblems = { ...problemsFromDetails(connecting.error?.details ?? testing.error?.details), ...problems };

  const set = (f: DraftField, v: string) => {
    setDraft({ ...draft, [f]: v });
    if (f !== 'resolutionNotes') setDiagnosis(null);
  };
  // The instance's own Resolution codes, as the last successful test read them.
  const codes = diagnosis?.ok ? diagnosis.resolutionCodes.map((c) => ({ label: c.label, value: c.value })) : [];
  const checked = () => {
    const c = checkDraft(draft);
    setProblems(c.ok ? {} : c.problems);
    return c.ok ? c.payload : null;
  };

  const test = async () => {
    setDiagnosis(null);
    const payload = checked();
    if (!payload) return;
    const data = await testing.run<unknown>('test', 'admin/connections/servicenow-test', payload);
    if (data === null) return;
    const d = diagnosisFrom(data) ?? { ok: false, problem: 'unknown', message: 'Liaison answered the test in a way this page does not understand.' };
    setDiagnosis(d);
    // Preselect the code ServiceNow ships first for resolved incidents, when the instance has it.
    if (d.ok && !draft.resolutionCode) {
      const preferred = d.resolutionCodes.find((c) => c.value === 'Solution provided') ?? d.resolutionCodes[0];
      if (preferred) setDraft((now) => ({ ...now, resolutionCode: preferred.value }));
    }
  };

  const connect = async () => {
    setNotice(null);
    const payload = checked();
    if (!payload) return;
    const data = await connecting.run<unknown>('connect', 'admin/connections/servicenow', payload);
    if (data === null) return;
    setNotice(noticeFrom(data));
    // Credentials are not kept in the page once they are stored.
    setDraft(emptyDraft());
    setDiagnosis(null);
  };

  const field = (f: DraftField, label: string, extra: { secret?: boolean; help?: string } = {}) => <Field field={f} label={label} draft={draft} problems={shown} set={set} {...extra} />;

  return (
    <section className="lz-card" aria-labelledby="sn-h">
      <Heading as="h3" size="small" id="sn-h">Connect a ServiceNow instance</Heading>
      <p className="lz-muted">Liaison reads and writes one table through an integration user. Prepare the user first (see the ServiceNow install guide, step 1).</p>
      {field('instanceUrl', 'Instance URL', { help: 'Such as https://acme.service-now.com' })}
      {field('table', 'Table', { help: 'The table’s system name, such as incident' })}
      <div className="lz-field">
        <Label htmlFor="sn-auth">Sign-in method</Label>
        <Select inputId="sn-auth" options={AUTH} value={AUTH.find((a) => a.value === draft.authKind) ?? null} onChange={(o) => o && setDraft({ ...draft, authKind: o.value })} />
      </div>
      {draft.authKind === 'basic' ? (
        <>
          {field('username', 'Integration user name')}
          {field('password', 'Password', { secret: true })}
        </>
      ) : (
        <>
          {field('clientId', 'OAuth client id')}
          {field('clientSecret', 'OAuth client secret', { secret: true })}
        </>
      )}
      {codes.length > 0 && (
        <div className="lz-field">
          <Label htmlFor="sn-resolution-code">Resolution code when Jira resolves or closes</Label>
          <Select inputId="sn-resolution-code" options={codes} value={codes.find((c) => c.value === draft.resolutionCode) ?? null} onChange={(o) => o && setDraft({ ...draft, resolutionCode: o.value })} />
          <HelperMessage>The instance’s own codes. Its data policy makes a resolution code and notes mandatory on resolve and close.</HelperMessage>
        </div>
      )}
      {field('resolutionNotes', 'Resolution notes', { help: `Sent with the code; {key} becomes the Jira issue key. Empty: “${DEFAULT_RESOLUTION_NOTES}”.` })}
      <div className="lz-row">
        <Button isDisabled={busy} onClick={() => void test()}>{testing.busy ? 'Testing…' : 'Test connection'}</Button>
        <Button appearance="primary" isDisabled={busy} onClick={() => void connect()}>{connecting.busy ? 'Connecting…' : 'Connect instance'}</Button>
      </div>
      {diagnosis && (
        <SectionMessage appearance={diagnosis.ok ? 'success' : 'warning'} title={diagnosisTitle(diagnosis)}>
          <p role="status">{diagnosis.ok ? 'Liaison can read the table and the comments and work notes of its records. Connect when ready.' : diagnosis.message}</p>
        </SectionMessage>
      )}
      {testing.error && <ResolverErrorMessage error={testing.error} title="The test could not run" />}
      {connecting.error && <ResolverErrorMessage error={connecting.error} title="The instance was not connected" />}
      {notice && <NoticeOnce notice={notice} onDismiss={() => setNotice(null)} />}
    </section>
  );
}
