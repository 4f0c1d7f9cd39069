// "What the partner will see": the exact payload that would leave for one issue.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { ErrorMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import type { ConnectionView, PreviewView } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { callResolver } from '../../../shared/bridge';
import { fieldLabel } from '../../../shared/logic/format';
import type { ResolverError } from '../../../shared/logic/resolver-client';
import { parsePartnerKey } from '../../../issue-panel/src/logic/panel-model';
import { previewHeading } from '../logic/connection-text';

export function PreviewPanel({ connectionId, connection }: { connectionId: string; connection?: Pick<ConnectionView, 'partnerKind' | 'partnerEndpoint'> }) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const parsed = parsePartnerKey(key);
    if (!parsed.ok) return setProblem(parsed.message.replace('partner issue key, for example GLX-12', 'issue key, for example ACME-12'));
    setProblem(null);
    setBusy(true);
    const result = await callResolver<PreviewView>('admin/preview', { connectionId, issueKey: parsed.key });
    setBusy(false);
    setPreview(result.ok ? result.data : null);
    setError(result.ok ? null : result.error);
  };

  return (
    <section className="lz-page" aria-labelledby="preview-h">
      <Heading as="h2" size="medium" id="preview-h">{previewHeading(connection)}</Heading>
      <form
        className="lz-row lz-row-end"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div className="lz-field lz-grow">
          <Label htmlFor="preview-key">Issue key</Label>
          <Textfield id="preview-key" value={key} placeholder="ACME-1" aria-invalid={problem !== null} aria-describedby={problem ? 'preview-key-error' : undefined} onChange={(e) => setKey((e.target as HTMLInputElement).value)} />
          {problem && <div id="preview-key-error"><ErrorMessage>{problem}</ErrorMessage></div>}
        </div>
        <Button type="submit" appearance="primary" isDisabled={busy}>
          {busy ? 'Loading…' : 'Show payload'}
        </Button>
      </form>
      {error && <ResolverErrorMessage error={error} />}
      {preview && <PreviewResult preview={preview} />}
    </section>
  );
}

function PreviewResult({ preview }: { preview: PreviewView }) {
  return (
    <div className="lz-page" aria-live="polite">
      <div className="lz-row">
        <Heading as="h3" size="small">{preview.issueKey}</Heading>
        <Lozenge appearance={preview.inScope ? 'success' : 'default'}>{preview.inScope ? 'in scope' : 'not in scope'}</Lozenge>
      </div>
      {!preview.inScope && <p>Nothing leaves for this issue{preview.scopeReason ? `: ${preview.scopeReason}` : ''}.</p>}
      <DynamicTable
        caption="Fields that leave"
        head={{ cells: [{ key: 'field', content: 'Field' }, { key: 'value', content: 'Value sent' }] }}
        rows={preview.fields.map((f) => ({ key: f.field, cells: [{ key: 'field', content: fieldLabel(f.field) }, { key: 'value', content: f.text }] }))}
        emptyView={<p>No field leaves.</p>}
      />
      <DynamicTable
        caption="Comments that leave"
        head={{ cells: [{ key: 'kind', content: 'Kind' }, { key: 'text', content: 'Text' }] }}
        rows={preview.comments.map((c) => ({ key: c.id, cells: [{ key: 'kind', content: c.internal ? 'Internal' : 'Public' }, { key: 'text', content: c.text }] }))}
        emptyView={<p>No comment leaves.</p>}
      />
      {preview.relations && (
        <DynamicTable
          caption="Parent and links"
          head={{ cells: [{ key: 'what', content: 'Parent or link' }, { key: 'sent', content: 'Leaves' }] }}
          rows={preview.relations.map((r, i) => ({ key: `rel-${i}`, cells: [{ key: 'what', content: r.text }, { key: 'sent', content: r.sent ? 'Yes' : 'No' }] }))}
          emptyView={<p>No parent and no links.</p>}
        />
      )}
      {preview.worklogs && (
        <DynamicTable
          caption="Worklogs that leave"
          head={{ cells: [{ key: 'text', content: 'Worklog' }] }}
          rows={preview.worklogs.map((w) => ({ key: w.id, cells: [{ key: 'text', content: w.text }] }))}
          emptyView={<p>No worklog leaves.</p>}
        />
      )}
      <DynamicTable
        caption="Withheld (stays here)"
        head={{ cells: [{ key: 'field', content: 'Field' }, { key: 'reason', content: 'Why' }] }}
        rows={preview.withheld.map((w) => ({ key: w.field, cells: [{ key: 'field', content: fieldLabel(w.field) }, { key: 'reason', content: w.reason }] }))}
        emptyView={<p>Nothing withheld.</p>}
      />
    </div>
  );
}
