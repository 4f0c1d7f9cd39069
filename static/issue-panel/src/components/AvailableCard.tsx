import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Textfield from '@atlaskit/textfield';
import type { PanelView } from '../../../../src/shared/resolver-contract';
import { partnerPlace } from '../../../shared/logic/partner-terms';
import { availableActions, availableTerms, parsePartnerKey } from '../logic/panel-model';
import type { RunAction } from './types';

type Props = { view: PanelView; available: PanelView['available'][number]; busy: string | null; run: RunAction };

export function AvailableCard({ view, available, busy, run }: Props) {
  const [partnerKey, setPartnerKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const actions = availableActions(view, available);
  const terms = availableTerms(available);
  // Two connections may both offer the issue: a ServiceNow one says which instance it is.
  const heading = terms.kind === 'servicenow' ? `Not synced with ${partnerPlace('servicenow', available.partnerEndpoint ?? null)} yet` : 'Not synced yet';
  const inputId = `partner-key-${available.connectionId}`;
  const errorId = `${inputId}-error`;

  const link = () => {
    const parsed = parsePartnerKey(partnerKey, terms);
    if (!parsed.ok) return setProblem(parsed.message);
    setProblem(null);
    void run('link', 'panel/link', { connectionId: available.connectionId, partnerIssueKey: parsed.key });
  };

  return (
    <section className="lz-card" aria-label={heading}>
      <Heading as="h2" size="xsmall">{heading}</Heading>
      <p>A sharing rule covers this project, but this issue has no {terms.item} yet.</p>
      {actions.note && <p className="lz-muted">{actions.note}</p>}
      {actions.start && (
        <div>
          <Button appearance="primary" isDisabled={busy !== null} onClick={() => void run('start', 'panel/start', { connectionId: available.connectionId })}>
            {busy === 'start' ? 'Starting…' : 'Start syncing'}
          </Button>
        </div>
      )}
      {actions.link && (
        <form
          className="lz-row lz-row-end"
          onSubmit={(e) => {
            e.preventDefault();
            link();
          }}
        >
          <div className="lz-field lz-grow">
            <Label htmlFor={inputId}>Link to an existing {terms.item}</Label>
            <Textfield
              id={inputId}
              value={partnerKey}
              placeholder={terms.keyExample}
              aria-invalid={problem !== null}
              aria-describedby={problem ? errorId : undefined}
              onChange={(e) => setPartnerKey((e.target as HTMLInputElement).value)}
            />
            {problem && <div id={errorId}><ErrorMessage>{problem}</ErrorMessage></div>}
          </div>
          <Button type="submit" isDisabled={busy !== null}>
            {busy === 'link' ? 'Linking…' : 'Link'}
          </Button>
        </form>
      )}
    </section>
  );
}
