// Rules as code on the admin page: Export shows the connection's rules as a JSON document (to copy
// or download); Import takes a pasted or uploaded document, checks it against this site (each
// exported project may land on another project here), shows every change beside the rule in
// force and every problem by its path in the document, and applies it only on confirm.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Label } from '@atlaskit/form';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { RulesImportPreview, RulesImportResult } from '../../../../src/shared/resolver-contract';
import { ConfirmModal } from '../../../shared/components/ConfirmModal';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { callResolver } from '../../../shared/bridge';
import type { ResolverError } from '../../../shared/logic/resolver-client';
import { diffLine, diffRules } from '../logic/rule-diff';

type Props = { connectionId: string; onApplied: () => Promise<void> };

export function RulesCode({ connectionId, onApplied }: Props) {
  const [exported, setExported] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<RulesImportPreview | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState<RulesImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const exportRules = async () => {
    setError(null);
    const res = await callResolver<unknown>('admin/rules/export', { connectionId });
    if (!res.ok) return setError(res.error);
    setExported(JSON.stringify(res.data, null, 2));
  };
  const projectKeys = () => Object.fromEntries(Object.entries(targets).filter(([from, to]) => to.trim() !== '' && to.trim() !== from).map(([from, to]) => [from, to.trim().toUpperCase()]));
  const check = async (mapping = projectKeys()) => {
    setError(null);
    setDone(null);
    setBusy(true);
    const res = await callResolver<RulesImportPreview>('admin/rules/import-preview', { connectionId, document: text, ...(Object.keys(mapping).length > 0 ? { projectKeys: mapping } : {}) });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setPreview(res.data);
  };
  const apply = async () => {
    setConfirm(false);
    setBusy(true);
    const mapping = projectKeys();
    const res = await callResolver<RulesImportResult>('admin/rules/import-apply', { connectionId, document: text, comment: '', ...(Object.keys(mapping).length > 0 ? { projectKeys: mapping } : {}) });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setDone(res.data);
    setPreview(null);
    await onApplied();
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setPreview(null);
  };
  const changes = preview?.rules.filter((r) => !r.unchanged) ?? [];

  return (
    <section className="lz-card" aria-labelledby="rules-code-h">
      <Heading as="h3" size="small" id="rules-code-h">Rules as code</Heading>
      <div className="lz-row">
        <Button onClick={() => void exportRules()}>Export rules</Button>
      </div>
      {exported && (
        <div className="lz-field">
          <Label htmlFor="rules-export">Exported rules (JSON, schemaVersion 1)</Label>
          <TextArea id="rules-export" value={exported} isReadOnly minimumRows={6} resize="vertical" />
          <a href={`data:application/json;charset=utf-8,${encodeURIComponent(exported)}`} download={`liaison-rules-${connectionId}.json`}>Download rules.json</a>
        </div>
      )}
      <div className="lz-field">
        <Label htmlFor="rules-import">Import rules: paste a rules document</Label>
        <TextArea id="rules-import" value={text} minimumRows={4} resize="vertical" onChange={(e) => { setText(e.target.value); setPreview(null); }} />
        <Label htmlFor="rules-import-file">or upload one</Label>
        <input id="rules-import-file" type="file" accept="application/json,.json" onChange={(e) => void upload(e.target.files?.[0])} />
      </div>
      <div className="lz-row">
        <Button onClick={() => void check()} isDisabled={text.trim() === '' || busy}>Check import</Button>
      </div>
      {error && <ResolverErrorMessage error={error} />}
      {preview && (
        <div aria-live="polite">
          {preview.problems.length > 0 && (
            <>
              <p role="alert">{`The document cannot be imported: ${preview.problems.length} problem${preview.problems.length === 1 ? '' : 's'}.`}</p>
              <ul className="lz-list" aria-label="Import problems">
                {preview.problems.map((p, i) => <li key={i}>{`${p.path}: ${p.message}`}</li>)}
              </ul>
            </>
          )}
          {preview.rules.map((r) => (
            <div key={r.index} className="lz-card">
              <Label htmlFor={`rules-import-target-${r.index}`}>{`${r.sourceProjectKey} lands on project`}</Label>
              <Textfield id={`rules-import-target-${r.index}`} defaultValue={r.projectKey} onBlur={(e) => { const next = { ...targets, [r.sourceProjectKey]: e.target.value }; setTargets(next); void check(Object.fromEntries(Object.entries(next).filter(([f, t]) => t.trim() && t.trim() !== f).map(([f, t]) => [f, t.trim().toUpperCase()]))); }} />
              <p>{r.unchanged ? `${r.projectKey}: no change.` : r.currentVersion ? `${r.projectKey}: changes version ${r.currentVersion}:` : `${r.projectKey}: a new rule.`}</p>
              {r.after !== null && !r.unchanged && (
                <ul className="lz-list" aria-label={`Changes to ${r.projectKey}`}>
                  {diffRules(r.before ?? {}, r.after).map(diffLine).map((l, i) => <li key={i}>{l}</li>)}
                </ul>
              )}
            </div>
          ))}
          <Button appearance="primary" isDisabled={preview.problems.length > 0 || changes.length === 0 || busy} onClick={() => setConfirm(true)}>
            {`Apply ${changes.length} rule${changes.length === 1 ? '' : 's'}`}
          </Button>
        </div>
      )}
      {done && <p role="status">{`Imported: ${done.applied.map((a) => `${a.projectKey} version ${a.version}`).join(', ') || 'nothing changed'}${done.unchanged.length ? `; unchanged: ${done.unchanged.join(', ')}` : ''}.`}</p>}
      <ConfirmModal open={confirm} title="Apply the imported rules?" confirmLabel="Apply" onConfirm={() => void apply()} onCancel={() => setConfirm(false)}>
        <p>{`Each changed rule is saved as a new version (${changes.map((c) => c.projectKey).join(', ')}); you can roll any of them back from its history.`}</p>
      </ConfirmModal>
    </section>
  );
}
