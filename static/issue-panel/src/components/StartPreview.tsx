// Before "Start syncing": what the partner will receive for this issue (the admin page's "what the
// partner sees" preview, sized for the panel), and a confirmation. Loaded on demand: most agents
// never open it, so it is not part of the panel's first load.
import { Fragment } from 'react';
import type { PanelView, PreviewView } from '../../../../src/shared/resolver-contract';
import { Loading } from '../../../shared/components/Loading';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { fieldLabel } from '../../../shared/logic/format';
import { useResolver } from '../../../shared/use-resolver';
import { previewLines } from '../logic/preview-lines';
import { InlineConfirm } from './InlineConfirm';

type Props = { view: PanelView; connectionId: string; partner: string; busy: boolean; onStart: () => void; onCancel: () => void };

export default function StartPreview({ view, connectionId, partner, busy, onStart, onCancel }: Props) {
  const preview = useResolver<PreviewView>('panel/preview', { connectionId });
  const data = preview.data;
  const names = [...(view.fieldCatalog ?? []), ...(data?.fieldNames ?? [])];
  const lines = data ? previewLines(data, (key) => fieldLabel(key, names)) : null;
  return (
    <InlineConfirm title={`Start syncing ${view.issue.key} with ${partner}?`} confirmLabel="Start syncing" confirmDisabled={busy || !data || !data.inScope} onConfirm={onStart} onCancel={onCancel}>
      {!data && preview.error && <ResolverErrorMessage error={preview.error} title="Could not show what will be sent" />}
      {!data && !preview.error && <Loading label="Reading what will be sent" />}
      {data && lines && (
        <>
          {!data.inScope && <p role="alert">This issue cannot start syncing: {data.scopeReason ?? 'it is outside the sharing scope'}.</p>}
          <p>{partner} will receive:</p>
          {lines.sent.length === 0 ? (
            <p className="lz-muted">No field values (the rule shares none that this issue has).</p>
          ) : (
            <dl className="lz-dl lz-preview" aria-label="What will be sent">
              {lines.sent.map((l) => (
                <Fragment key={l.key}>
                  <dt>{l.label}</dt>
                  <dd>{l.text}</dd>
                </Fragment>
              ))}
            </dl>
          )}
          {lines.comments && <p>{lines.comments}</p>}
          {data.worklogs && data.worklogs.length > 0 && <p>{data.worklogs.length} worklog{data.worklogs.length === 1 ? '' : 's'}.</p>}
          {data.relations && data.relations.length > 0 && (
            <ul className="lz-list" aria-label="Parent and links">
              {data.relations.map((r) => (
                <li key={r.text}>{r.text}</li>
              ))}
            </ul>
          )}
          {lines.kept.length > 0 && (
            <details>
              <summary>Stays here ({lines.kept.length})</summary>
              <ul className="lz-list">
                {lines.kept.map((k) => (
                  <li key={k}>{k}</li>
                ))}
              </ul>
            </details>
          )}
          <p className="lz-muted">From then on, changes to these fields sync both ways as the sharing rule says.</p>
        </>
      )}
    </InlineConfirm>
  );
}
