import { lazy, Suspense, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import type { PanelLinkView, PanelView } from '../../../../src/shared/resolver-contract';
import { RouterLink } from '../../../shared/components/RouterLink';
import { openInNewTab } from '../../../shared/navigation';
import { formatWhen } from '../../../shared/logic/format';
import { partnerIssueUrl, partnerKeyText, partnerPlaceLabel, partnerPlaceText, termsOf } from '../logic/panel-model';
import { presentLink } from '../logic/panel-states';
import { InlineConfirm } from './InlineConfirm';
import { OfferedButton } from './OfferedButton';
import { SharedFields } from './SharedFields';
import { PartnerSla } from './PartnerSla';
import type { RunAction } from './types';

// Errors are the exception: their list (and Atlaskit's section message) loads only when there are some.
const SyncErrorList = lazy(() => import('./SyncErrorList').then((m) => ({ default: m.SyncErrorList })));

type Props = { view: PanelView; link: PanelLinkView; busy: string | null; run: RunAction };

export function LinkCard({ view, link, busy, run }: Props) {
  const [confirming, setConfirming] = useState(false);
  const unlinkButton = useRef<HTMLButtonElement>(null);
  const shown = presentLink(view, link);
  const url = partnerIssueUrl(link);
  const terms = termsOf(link);
  const key = partnerKeyText(link);
  const now = Date.now();
  const headingId = `link-${link.connectionId}`;
  const paused = link.connection?.state === 'paused';
  const cancel = () => {
    setConfirming(false);
    // The button comes back on the next render; focus returns to where the agent was.
    requestAnimationFrame(() => unlinkButton.current?.focus());
  };
  return (
    <section className="lz-card" aria-labelledby={headingId}>
      <div className="lz-row">
        <Heading as="h2" size="xsmall" id={headingId}>
          {url ? <RouterLink href={url} onOpen={() => openInNewTab(url)}>{key}</RouterLink> : key}
        </Heading>
        {terms.kind === 'servicenow' && <span className="lz-muted">{terms.item}</span>}
        <Lozenge appearance={shown.appearance}>{shown.text}</Lozenge>
      </div>
      <p className="lz-muted">{shown.explanation}</p>
      <dl className="lz-dl">
        <dt>{partnerPlaceLabel(link)}</dt>
        <dd>{link.partnerName ?? partnerPlaceText(link)}</dd>
        <dt>Last sent</dt>
        <dd>{formatWhen(link.lastSentAt, now)}</dd>
        <dt>Last received</dt>
        <dd>{formatWhen(link.lastReceivedAt, now)}</dd>
      </dl>
      <SharedFields shared={link.shared} catalog={view.fieldCatalog ?? []} />
      <PartnerSla sla={link.partnerSla} partner={link.partnerName ?? 'The partner'} now={now} />
      {link.relatedOutside && link.relatedOutside.length > 0 && (
        <p className="lz-muted">
          Related outside (on {link.partnerName ?? 'the partner'}’s side, not shared): {link.relatedOutside.map((o) => `${o.phrase} ${o.key}`).join('; ')}
        </p>
      )}
      {link.errors.length > 0 && (
        <Suspense fallback={<p className="lz-muted">{link.errors.length} value{link.errors.length === 1 ? '' : 's'} did not sync; loading the details…</p>}>
          <SyncErrorList link={link} canRetry={shown.retry} canDismiss={shown.dismiss} busy={busy} run={run} catalog={view.fieldCatalog ?? []} />
        </Suspense>
      )}
      {confirming ? (
        <InlineConfirm
          title={`Unlink ${key}?`}
          confirmLabel="Unlink"
          danger
          confirmDisabled={busy !== null}
          onCancel={cancel}
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
              was removed{paused ? ' when the connection resumes' : ''}.
            </p>
          )}
        </InlineConfirm>
      ) : (
        (shown.syncNow || shown.unlink) && (
          <div className="lz-row">
            {shown.syncNow && (
              <OfferedButton offered={shown.syncNow} busy={busy !== null} appearance="primary" onClick={() => void run('sync', 'panel/sync-now', { connectionId: link.connectionId })}>
                {busy === 'sync' ? 'Syncing…' : 'Sync now'}
              </OfferedButton>
            )}
            {shown.unlink && (
              <Button ref={unlinkButton} appearance="subtle" isDisabled={busy !== null} onClick={() => setConfirming(true)}>
                Unlink
              </Button>
            )}
          </div>
        )
      )}
    </section>
  );
}
