// Every save is a version; pick one to see what it changed, and roll back to it in one click.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import type { ResolverResult, RuleVersionView, RuleView } from '../../../../src/shared/resolver-contract';
import { ConfirmModal } from '../../../shared/components/ConfirmModal';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { formatWhen } from '../../../shared/logic/format';
import type { ResolverError } from '../../../shared/logic/resolver-client';
import { diffLine, diffRules } from '../logic/rule-diff';

type Props = { view: RuleView; restore: (version: number) => Promise<ResolverResult<unknown>>; onRestored: () => Promise<void> };

export function VersionHistory({ view, restore, onRestored }: Props) {
  const versions = [...view.history].sort((a, b) => b.version - a.version);
  const [shown, setShown] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<RuleVersionView | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const current = view.current;
  const selected = versions.find((v) => v.version === shown) ?? null;
  const previous = selected ? versions.find((v) => v.version < selected.version) ?? null : null;

  const rollback = async (v: RuleVersionView) => {
    setConfirm(null);
    const result = await restore(v.version);
    if (!result.ok) return setError(result.error);
    setError(null);
    setShown(null);
    await onRestored();
  };

  const rows = versions.map((v) => ({
    key: String(v.version),
    cells: [
      { key: 'version', content: `v${v.version}${current?.version === v.version ? ' (current)' : ''}` },
      { key: 'when', content: formatWhen(v.at, Date.now()) },
      { key: 'author', content: v.authorUser?.displayName ?? v.author },
      { key: 'comment', content: v.restoredFrom ? `Rollback to v${v.restoredFrom}${v.comment ? `: ${v.comment}` : ''}` : v.comment || '—' },
      {
        key: 'actions',
        content: (
          <div className="lz-row">
            <Button spacing="compact" aria-pressed={shown === v.version} onClick={() => setShown(shown === v.version ? null : v.version)}>
              {shown === v.version ? 'Hide changes' : `Changes in v${v.version}`}
            </Button>
            {current && current.version !== v.version && (
              <Button spacing="compact" onClick={() => setConfirm(v)}>
                Roll back to v{v.version}
              </Button>
            )}
          </div>
        ),
      },
    ],
  }));

  return (
    <section className="lz-card" aria-labelledby="history-h">
      <Heading as="h3" size="small" id="history-h">Version history</Heading>
      {error && <ResolverErrorMessage error={error} title="Rollback failed" />}
      <DynamicTable
        caption="Rule versions, newest first"
        head={{ cells: [{ key: 'version', content: 'Version' }, { key: 'when', content: 'When' }, { key: 'author', content: 'Who' }, { key: 'comment', content: 'Comment' }, { key: 'actions', content: 'Actions' }] }}
        rows={rows}
        emptyView={<p>No versions yet: save the rule to create version 1.</p>}
      />
      {selected && <VersionDiff before={previous} after={selected} catalog={view.fieldCatalog} />}
      <ConfirmModal open={confirm !== null} title={`Roll back to version ${confirm?.version ?? ''}?`} confirmLabel="Roll back" onCancel={() => setConfirm(null)} onConfirm={() => confirm && void rollback(confirm)}>
        {confirm && current && (
          <>
            <p>This creates a new version with the settings of v{confirm.version}. These settings change:</p>
            <DiffList lines={diffRules(current.rule, confirm.rule, view.fieldCatalog).map(diffLine)} />
          </>
        )}
      </ConfirmModal>
    </section>
  );
}

function VersionDiff({ before, after, catalog }: { before: RuleVersionView | null; after: RuleVersionView; catalog: RuleView['fieldCatalog'] }) {
  const lines = diffRules(before?.rule ?? {}, after.rule, catalog).map(diffLine);
  return (
    <div className="lz-card" aria-live="polite">
      <Heading as="h4" size="xsmall">{before ? `Changes from v${before.version} to v${after.version}` : `Settings in v${after.version} (first version)`}</Heading>
      <DiffList lines={lines} />
    </div>
  );
}

function DiffList({ lines }: { lines: string[] }) {
  if (lines.length === 0) return <p>No setting differs.</p>;
  return (
    <ul className="lz-list" aria-label="Changed settings">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}
