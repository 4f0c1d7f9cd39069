// The details of one connection, opened from its row: who the partner is, the contacts on both
// sides (the partner's as the partner said them), projects, traffic and limits; contacts and limits
// are edited here. Pause, resume and delete are the table row's.
import { Fragment, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import type { ConnectionView, Contact } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { formatWhen } from '../../../shared/logic/format';
import { useAction } from '../../../shared/use-resolver';
import { connectionHealth, partnerRows, roleText } from '../logic/connection-text';
import { lastExchangeText, partnerContacts, partnerLabel } from '../logic/connection-rows';
import { ContactsEditor } from './ContactsEditor';
import { LimitsEditor, LimitsList } from './LimitsEditor';

const HEALTH_LOZENGE = { good: 'success', warning: 'moved', bad: 'removed' } as const;
const contactList = (list: Contact[]) => list.map((x) => `${x.name} (${x.role}, ${x.email})`).join('; ');

export function ConnectionCard({ connection: c, reload, onClose }: { connection: ConnectionView; reload: () => Promise<void>; onClose: () => void }) {
  const action = useAction(reload);
  const [editing, setEditing] = useState<{ local: Contact[]; partner: Contact[] } | null>(null);
  const [editingLimits, setEditingLimits] = useState(false);
  const now = Date.now();
  const health = connectionHealth(c, now);
  const headingId = `conn-${c.id}`;

  const saveContacts = async () => {
    if (!editing) return;
    const done = await action.run('contacts', 'admin/connections/contacts', { connectionId: c.id, local: editing.local, partner: editing.partner });
    if (done !== null) setEditing(null);
  };
  const saveLimits = async (limits: NonNullable<ConnectionView['limits']>) => {
    const done = await action.run('limits', 'admin/connections/limits', { connectionId: c.id, limits });
    if (done !== null) setEditingLimits(false);
  };

  return (
    <section className="lz-card" aria-labelledby={headingId}>
      <div className="lz-row">
        <Heading as="h3" size="small" id={headingId}>{partnerLabel(c)}</Heading>
        <Lozenge appearance={HEALTH_LOZENGE[health.level]}>{c.state === 'ended' ? 'ended' : health.level === 'good' ? 'healthy' : health.level === 'bad' ? 'errors' : 'attention'}</Lozenge>
      </div>
      <p>{health.summary}</p>
      <dl className="lz-dl">
        {partnerRows(c).map((r) => (
          <Fragment key={r.term}>
            <dt>{r.term}</dt>
            <dd>{r.detail}</dd>
          </Fragment>
        ))}
        <dt>Role</dt>
        <dd>{roleText(c)}</dd>
        <dt>Created</dt>
        <dd>{formatWhen(c.createdAt, now)} by {(c as { createdByUser?: { displayName: string } }).createdByUser?.displayName ?? c.createdBy}</dd>
        <dt>Last exchange</dt>
        <dd>{lastExchangeText(c, now)}</dd>
        <dt>Backlog</dt>
        <dd>{c.health.backlog}</dd>
        <dt>Errors</dt>
        <dd>{c.health.errors}</dd>
        <dt>Projects</dt>
        <dd>{c.projects.length ? c.projects.map((p) => `${p.projectKey} (v${p.version}${p.delegated ? ', delegated' : ''})`).join(', ') : 'none yet'}</dd>
        <dt>Our contacts</dt>
        <dd>{contactList(c.contacts.local) || 'None entered yet'}</dd>
        <dt>Partner contacts</dt>
        <dd>{contactList(partnerContacts(c)) || 'None yet: the partner has not named any'}</dd>
        {c.limits && (
          <>
            <dt>Limits</dt>
            <dd><LimitsList limits={c.limits} /></dd>
          </>
        )}
      </dl>
      {action.error && <ResolverErrorMessage error={action.error} />}
      <div className="lz-row">
        {!editing && <Button onClick={() => setEditing({ local: c.contacts.local, partner: c.contacts.partner })}>Edit contacts</Button>}
        {c.limits && !editingLimits && c.state !== 'ended' && <Button onClick={() => setEditingLimits(true)}>Edit limits</Button>}
        <Button appearance="subtle" onClick={onClose}>Close details</Button>
      </div>
      {editingLimits && c.limits && <LimitsEditor idPrefix={`${c.id}-limits`} limits={c.limits} busy={action.busy !== null} onSave={(l) => void saveLimits(l)} onCancel={() => setEditingLimits(false)} />}
      {editing && (
        <>
          <ContactsEditor idPrefix={`${c.id}-local`} legend="Our contacts" contacts={editing.local} onChange={(local) => setEditing({ ...editing, local })} />
          <ContactsEditor idPrefix={`${c.id}-partner`} legend="Partner contacts" contacts={editing.partner} onChange={(partner) => setEditing({ ...editing, partner })} />
          <div className="lz-row">
            <Button appearance="primary" onClick={() => void saveContacts()}>Save contacts</Button>
            <Button appearance="subtle" onClick={() => setEditing(null)}>Cancel</Button>
          </div>
        </>
      )}
    </section>
  );
}
