// What the partner may send on this connection (creates per minute, comments, worklogs, attachments and bytes
// per message). Over a limit its message is refused with "try again later" and its side waits or
// splits; the refusals show in the audit log below. Text lengths are Jira's own and not set here.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import type { ConnectionLimitsView } from '../../../../src/shared/resolver-contract';

type Key = keyof ConnectionLimitsView;

export const LIMIT_LABELS: Record<Key, string> = {
  createsPerMinute: 'Issues the partner may create per minute',
  commentsPerMessage: 'Comments per message',
  attachmentsPerMessage: 'Attachments per message',
  worklogsPerMessage: 'Worklogs per message',
  messageBytes: 'Message size (bytes)',
};

const KEYS = Object.keys(LIMIT_LABELS) as Key[];

export function LimitsList({ limits }: { limits: ConnectionLimitsView }) {
  return (
    <>
      {KEYS.map((k) => (
        <div key={k} className="lz-row">
          <span>{LIMIT_LABELS[k]}:</span> <strong>{limits[k].toLocaleString('en-US')}</strong>
        </div>
      ))}
    </>
  );
}

export function LimitsEditor({ idPrefix, limits, busy, onSave, onCancel }: { idPrefix: string; limits: ConnectionLimitsView; busy: boolean; onSave: (limits: ConnectionLimitsView) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Record<Key, string>>(() => Object.fromEntries(KEYS.map((k) => [k, String(limits[k])])) as Record<Key, string>);
  const parsed = Object.fromEntries(KEYS.map((k) => [k, Number(draft[k])])) as ConnectionLimitsView;
  const valid = KEYS.every((k) => Number.isInteger(parsed[k]) && parsed[k] > 0);
  return (
    <fieldset className="lz-fieldset">
      <legend>Limits for this partner</legend>
      {KEYS.map((k) => (
        <div key={k}>
          <Label htmlFor={`${idPrefix}-${k}`}>{LIMIT_LABELS[k]}</Label>
          <Textfield id={`${idPrefix}-${k}`} type="number" min={1} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: (e.target as HTMLInputElement).value })} />
        </div>
      ))}
      <div className="lz-row">
        <Button appearance="primary" isDisabled={!valid || busy} onClick={() => onSave(parsed)}>Save limits</Button>
        <Button appearance="subtle" onClick={onCancel}>Cancel</Button>
      </div>
    </fieldset>
  );
}
