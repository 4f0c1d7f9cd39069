// A connection whose rule covers this project but that has no partner issue for this one yet: why
// (not shared yet, outside the scope or the pilot, the connection paused, pending or ended), how the
// issue gets in, and only the actions that can work.
import { lazy, Suspense, useId, useRef, useState } from 'react';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import type { PanelView } from '../../../../src/shared/resolver-contract';
import { Loading } from '../../../shared/components/Loading';
import { partnerPlace } from '../../../shared/logic/partner-terms';
import { availableTerms, parsePartnerKey } from '../logic/panel-model';
import { presentAvailable } from '../logic/panel-states';
import { OfferedButton } from './OfferedButton';
import type { RunAction } from './types';

const StartPreview = lazy(() => import('./StartPreview'));

type Props = { view: PanelView; available: PanelView['available'][number]; busy: string | null; run: RunAction };

export function AvailableCard({ view, available, busy, run }: Props) {
  const [partnerKey, setPartnerKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const startButton = useRef<HTMLDivElement>(null);
  const shown = presentAvailable(view, available);
  const terms = availableTerms(available);
  const partner = available.partnerName ?? (terms.kind === 'servicenow' ? partnerPlace('servicenow', available.partnerEndpoint ?? null) : terms.other);
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const headingId = `${inputId}-heading`;

  const link = () => {
    const parsed = parsePartnerKey(partnerKey, terms);
    if (!parsed.ok) return setProblem(parsed.message);
    setProblem(null);
    void run('link', 'panel/link', { connectionId: available.connectionId, partnerIssueKey: parsed.key });
  };
  const closePreview = () => {
    setPreviewing(false);
    requestAnimationFrame(() => startButton.current?.querySelector('button')?.focus());
  };

  return (
    <section className="lz-card" aria-labelledby={headingId}>
      <div className="lz-row">
        <Heading as="h2" size="xsmall" id={headingId}>{shown.heading}</Heading>
        <Lozenge appearance={shown.lozenge}>{shown.lozengeText}</Lozenge>
      </div>
      <p>{shown.sentence}</p>
      {shown.wayIn && <p className="lz-how"><strong>How to get in:</strong> {shown.wayIn}</p>}
      {shown.start && !previewing && (
        <div className="lz-row" ref={startButton}>
          <OfferedButton offered={shown.start} busy={busy !== null} appearance="primary" onClick={() => setPreviewing(true)}>
            {busy === 'start' ? 'Starting…' : 'Start syncing…'}
          </OfferedButton>
        </div>
      )}
      {previewing && (
        <Suspense fallback={<Loading label="Reading what will be sent" />}>
          <StartPreview
            view={view}
            connectionId={available.connectionId}
            partner={partner}
            busy={busy !== null}
            onCancel={closePreview}
            onStart={() => {
              setPreviewing(false);
              void run('start', 'panel/start', { connectionId: available.connectionId });
            }}
          />
        </Suspense>
      )}
      {shown.link && (
        <form
          className="lz-row lz-row-end"
          onSubmit={(e) => {
            e.preventDefault();
            link();
          }}
        >
          <div className="lz-field lz-grow">
            <label className="lz-label" htmlFor={inputId}>Link to an existing {terms.item}</label>
            <input
              id={inputId}
              className="lz-input"
              value={partnerKey}
              placeholder={terms.keyExample}
              autoComplete="off"
              aria-invalid={problem !== null}
              aria-describedby={problem ? errorId : undefined}
              onChange={(e) => setPartnerKey(e.target.value)}
            />
            {problem && <div id={errorId} className="lz-error">{problem}</div>}
          </div>
          <OfferedButton offered={shown.link} busy={busy !== null} type="submit">
            {busy === 'link' ? 'Linking…' : 'Link'}
          </OfferedButton>
        </form>
      )}
    </section>
  );
}
