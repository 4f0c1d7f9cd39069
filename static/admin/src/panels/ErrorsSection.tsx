// A connection's errors, grouped by cause: each group says in one sentence who must fix it; each
// error names its issues on both sides; several can be retried or dismissed at once.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import type { SyncErrorView } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import type { Loaded } from '../../../shared/use-resolver';
import { callResolver } from '../../../shared/bridge';
import type { ResolverError } from '../../../shared/logic/resolver-client';
import { filterErrors, groupErrors } from '../logic/lists';
import { FOLLOW_UP_MS } from '../logic/settled-view';
import { ErrorGroupTable } from './ErrorGroupTable';

const FIX_LOZENGE = { partner: { text: 'partner fixes', appearance: 'moved' }, us: { text: 'we fix', appearance: 'removed' }, nobody: { text: 'notice', appearance: 'default' } } as const;

type Props = { connectionId: string; partnerName: string; errors: Loaded<SyncErrorView[]>; onChanged: () => Promise<void> };

export function ErrorsSection({ connectionId, partnerName, errors, onChanged }: Props) {
  const [text, setText] = useState('');
  const [retryableOnly, setRetryableOnly] = useState(false);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ResolverError | null>(null);
  // Errors retried or dismissed here stay gone while the (eventually consistent) list catches up.
  const [gone, setGone] = useState<Set<string>>(new Set());
  const all = (errors.data ?? []).filter((e) => !gone.has(e.id));
  const shown = filterErrors(all, { text, retryableOnly });
  const groups = groupErrors(shown);
  const chosen = shown.filter((e) => picked.has(e.id));
  const retryable = chosen.filter((e) => e.retryable);

  /** One resolver call per error (each is checked and audited on its own), one after another. */
  const runAll = async (label: string, key: 'admin/errors/retry' | 'admin/errors/dismiss', list: SyncErrorView[]) => {
    setBusy(label);
    setFailure(null);
    const done: string[] = [];
    for (const e of list) {
      const r = await callResolver(key, { connectionId, errorId: e.id });
      if (!r.ok) {
        setFailure(r.error);
        break;
      }
      done.push(e.id);
    }
    setGone((g) => new Set([...g, ...done]));
    setPicked(new Set());
    await Promise.all([errors.reload(), onChanged()]);
    setBusy(null);
    for (const ms of FOLLOW_UP_MS) window.setTimeout(() => void errors.reload(), ms);
  };
  const toggle = (ids: string[], on: boolean) => setPicked((now) => {
    const next = new Set(now);
    for (const id of ids) if (on) next.add(id); else next.delete(id);
    return next;
  });

  return (
    <section className="lz-page" aria-labelledby="errors-h">
      <Heading as="h2" size="medium" id="errors-h">Errors</Heading>
      {errors.error && <ResolverErrorMessage error={errors.error} />}
      {failure && <ResolverErrorMessage error={failure} />}
      <div className="lz-row lz-row-end">
        <div className="lz-field lz-grow">
          <Label htmlFor="error-filter">Filter by issue, field, value or reason</Label>
          <Textfield id="error-filter" value={text} onChange={(e) => setText((e.target as HTMLInputElement).value)} />
        </div>
        <Checkbox label="Only errors a retry can fix" isChecked={retryableOnly} onChange={(e) => setRetryableOnly(e.target.checked)} />
      </div>
      <div className="lz-row">
        <span role="status">{`${shown.length} of ${all.length} errors`}{chosen.length ? `, ${chosen.length} selected` : ''}</span>
        <Button spacing="compact" isDisabled={busy !== null || retryable.length === 0} onClick={() => void runAll('retry', 'admin/errors/retry', retryable)}>
          {busy === 'retry' ? 'Retrying…' : `Retry selected (${retryable.length})`}
        </Button>
        <Button spacing="compact" appearance="subtle" isDisabled={busy !== null || chosen.length === 0} onClick={() => void runAll('dismiss', 'admin/errors/dismiss', chosen)}>
          {busy === 'dismiss' ? 'Dismissing…' : `Dismiss selected (${chosen.length})`}
        </Button>
      </div>
      {errors.loading && !errors.data && <p>Loading errors…</p>}
      {errors.data && shown.length === 0 && <p>No errors{all.length ? ' match the filter' : `: everything sent to and received from ${partnerName} went through`}.</p>}
      {groups.map((g, i) => (
        <section key={g.key} className="lz-card" aria-labelledby={`error-group-${i}`}>
          <div className="lz-row">
            {g.fixBy && <Lozenge appearance={FIX_LOZENGE[g.fixBy].appearance}>{FIX_LOZENGE[g.fixBy].text}</Lozenge>}
            <Heading as="h3" size="xsmall" id={`error-group-${i}`}>{g.what}</Heading>
          </div>
          <ErrorGroupTable
            group={g}
            picked={picked}
            busy={busy !== null}
            onPick={toggle}
            onRetry={(e) => void runAll(`retry-${e.id}`, 'admin/errors/retry', [e])}
            onDismiss={(e) => void runAll(`dismiss-${e.id}`, 'admin/errors/dismiss', [e])}
          />
        </section>
      ))}
    </section>
  );
}
