import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { PanelLinkView } from '../../../../src/shared/resolver-contract';
import { fieldLabel, formatWhen } from '../../../shared/logic/format';
import { describeSyncError } from '../logic/panel-model';
import type { RunAction } from './types';

type Props = { link: PanelLinkView; canRetry: boolean; canDismiss: boolean; busy: string | null; run: RunAction; catalog?: ReadonlyArray<{ key: string; name: string }> };

export function SyncErrorList({ link, canRetry, canDismiss, busy, run, catalog = [] }: Props) {
  if (link.errors.length === 0) return null;
  const now = Date.now();
  return (
    <SectionMessage appearance="error" title={`${link.errors.length} value${link.errors.length === 1 ? '' : 's'} did not sync`}>
      <ul className="lz-list" aria-label="Sync errors">
        {link.errors.map((e) => {
          // The backend's wording names who must fix it; older backends send only the raw parts.
          const advice = e.wording
            ? { headline: e.wording.title, reason: e.wording.what, action: e.wording.retryHint ?? '' }
            : describeSyncError(e, fieldLabel(e.field, catalog));
          return (
            <li key={e.id}>
              <strong>{advice.headline}</strong> <span className="lz-muted">({formatWhen(e.at, now)})</span>
              <div>{e.wording ? advice.reason : `Reason: ${advice.reason}`}</div>
              {advice.action && <div className="lz-muted">{advice.action}</div>}
              {canRetry && e.retryable && (
                <Button
                  spacing="compact"
                  isDisabled={busy !== null}
                  aria-label={`Retry ${advice.headline}`}
                  onClick={() => void run(`retry-${e.id}`, 'panel/retry', { connectionId: link.connectionId, errorId: e.id })}
                >
                  {busy === `retry-${e.id}` ? 'Retrying…' : 'Retry'}
                </Button>
              )}
              {canDismiss && (
                <Button
                  spacing="compact"
                  appearance="subtle"
                  isDisabled={busy !== null}
                  aria-label={`Dismiss ${advice.headline}`}
                  onClick={() => void run(`dismiss-${e.id}`, 'panel/dismiss', { connectionId: link.connectionId, errorId: e.id })}
                >
                  {busy === `dismiss-${e.id}` ? 'Dismissing…' : 'Dismiss'}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </SectionMessage>
  );
}
