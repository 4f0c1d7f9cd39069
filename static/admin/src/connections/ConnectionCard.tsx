import { Fragment, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import type { ConnectionView, Contact } from '../../../../src/shared/resolver-contract';
import { ConfirmModal } from '../../../shared/components/ConfirmModal';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { formatWhen } from '../../../shared/logic/format';
import { useAction } from '../../../shared/use-resolver';
import { allowedChanges, connectionHealth, connectionName, deleteConsequence, partnerRows, roleText } from '../logic/connection-text';
import { ContactsEditor } from './ContactsEditor';
import { LimitsEditor, LimitsList } from './LimitsEditor';

const HEALTH_LOZENGE = { good: 'success', warning: 'moved', bad: 'removed' } as const;
const CHANGE_LABEL = { pause: 'Pause', resume: 'Resume', delete: 'Delete' } as const;

export function ConnectionCard({ connection: c, reload }: { connection: ConnectionView; reload: () => Promise<void> }) {
  const action = useAction(reload);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editing, setEditing] = useState<{ local: Contact[]; partner: Contact[] } | null>(null);
  const [editingLimits, setEditingLimits] = useState(false);
  const now = Date.now();
  const health = connectionHealth(c, now);
  const headingId = `conn-${c.id}`;

  const change = (kind: 'pause' | 'resume' | 'delete') => void action.run(kind, 'admin/connections/change', { connectionId: c.id, change: kind });
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
        <Heading as="h3" size="small" id={headingId}>{connectionName(c)}</Heading>
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
        <dd>{formatWhen(c.createdAt, now)} by {c.createdBy}</dd>
        <dt>Backlog</dt>
        <dd>{c.health.backlog}</dd>
        <dt>Errors</dt>
        <dd>{c.health.errors}</dd>
        <dt>Projects</dt>
        <dd>{c.projects.length ? c.projects.map((p) => `${p.projectKey} (v${p.version}${p.delegated ? ', delegated' : ''})`).join(', ') : 'none yet'}</dd>
        <dt>Our contacts</dt>
        <dd>{c.contacts.local.map((x) => `${x.name} (${x.role}, ${x.email})`).join('; ') || 'none'}</dd>
        <dt>Partner contacts</dt>
        <dd>{c.contacts.partner.map((x) => `${x.name} (${x.role}, ${x.email})`).join('; ') || 'none'}</dd>
        {c.limits && (
          <>
            <dt>Limits</dt>
            <dd><LimitsList limits={c.limits} /></dd>
          </>
        )}
      </dl>
      {action.error && <ResolverErrorMessage error={action.error} />}
      <div className="lz-row">
        {allowedChanges(c).map((k) => (
          <Button key={k} appearance={k === 'delete' ? 'danger' : 'default'} isDisabled={action.busy !== null} onClick={() => (k === 'delete' ? setConfirmDelete(true) : change(k))}>
            {CHANGE_LABEL[k]}
          </Button>
        ))}
        {!editing && <Button onClick={() => setEditing({ local: c.contacts.local, partner: c.contacts.partner })}>Edit contacts</Button>}
        {c.limits && !editingLimits && c.state !== 'ended' && <Button onClick={() => setEditingLimits(true)}>Edit limits</Button>}
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
      <ConfirmModal
        open={confirmDelete}
        title="Delete this connection?"
        confirmLabel="Delete connection"
        danger
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          change('delete');
        }}
      >
        <p>{deleteConsequence(c)}</p>
      </ConfirmModal>
    </section>
  );
}
