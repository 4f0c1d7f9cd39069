import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import type { PanelLinkView, PanelView } from '../../../../src/shared/resolver-contract';
import { ConfirmModal } from '../../../shared/components/ConfirmModal';
import { RouterLink } from '../../../shared/components/RouterLink';
import { openInNewTab } from '../../../shared/navigation';
import { formatWhen } from '../../../shared/logic/format';
import { linkActions, linkStatus, partnerIssueUrl, partnerKeyText, partnerPlaceLabel, partnerPlaceText, termsOf } from '../logic/panel-model';
import { SharedFields } from './SharedFields';
import { SyncErrorList } from './SyncErrorList';
import type { RunAction } from './types';

type Props = { view: PanelView; link: PanelLinkView; busy: string | null; run: RunAction };

export function LinkCard({ view, link, busy, run }: Props) {
  const [confirming, setConfirming] = useState(false);
  const status = linkStatus(link);
  const actions = linkActions(view, link);
  const url = partnerIssueUrl(link);
  const terms = termsOf(link);
  const key = partnerKeyText(link);
  const now = Date.now();
  const headingId = `link-${link.connectionId}`;
  return (
    <section className="lz-card" aria-labelledby={headingId}>
      <div className="lz-row">
        <Heading as="h2" size="xsmall" id={headingId}>
          {url ? <RouterLink href={url} onOpen={() => openInNewTab(url)}>{key}</RouterLink> : key}
        </Heading>
        {terms.kind === 'servicenow' && <span className="lz-muted">{terms.item}</span>}
        <Lozenge appearance={status.appearance}>{status.text}</Lozenge>
      </div>
      <p className="lz-muted">{status.explanation}</p>
      <dl className="lz-dl">
        <dt>{partnerPlaceLabel(link)}</dt>
        <dd>{partnerPlaceText(link)}</dd>
        <dt>Last sent</dt>
        <dd>{formatWhen(link.lastSentAt, now)}</dd>
        <dt>Last received</dt>
        <dd>{formatWhen(link.lastReceivedAt, now)}</dd>
      </dl>
      <SharedFields shared={link.shared} catalog={view.fieldCatalog ?? []} />
      <SyncErrorList link={link} canRetry={actions.retry} canDismiss={actions.dismiss} busy={busy} run={run} catalog={view.fieldCatalog ?? []} />
      {(actions.syncNow || actions.unlink) && (
        <div className="lz-row">
          {actions.syncNow && (
            <Button appearance="primary" isDisabled={busy !== null} onClick={() => void run('sync', 'panel/sync-now', { connectionId: link.connectionId })}>
              {busy === 'sync' ? 'Syncing…' : 'Sync now'}
            </Button>
          )}
          {actions.unlink && (
            <Button appearance="subtle" isDisabled={busy !== null} onClick={() => setConfirming(true)}>
              Unlink
            </Button>
          )}
        </div>
      )}
      <ConfirmModal
        open={confirming}
        title={`Unlink ${key}?`}
        confirmLabel="Unlink"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void run('unlink', 'panel/unlink', { connectionId: link.connectionId });
        }}
      >
        {terms.kind === 'servicenow' ? (
          <p>
            Changes will stop flowing between {view.issue.key} and {key}. The issue and the {terms.item} both stay as they are; nothing is
            deleted on ServiceNow.
          </p>
        ) : (
          <p>
            Changes will stop flowing between {view.issue.key} and {key}. Both issues stay as they are, and the partner is told the link
            was removed.
          </p>
        )}
      </ConfirmModal>
    </section>
  );
}
