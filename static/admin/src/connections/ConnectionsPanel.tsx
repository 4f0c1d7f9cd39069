// The Connections tab: the table of connections first, the three ways to add one as buttons that
// open their forms in a modal, and below the table the details of the connection picked.
import { useCallback, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import type { ConnectionView } from '../../../../src/shared/resolver-contract';
import { ConfirmModal } from '../../../shared/components/ConfirmModal';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { useAction } from '../../../shared/use-resolver';
import { partnerLabel } from '../logic/connection-rows';
import { FOLLOW_UP_MS, stillNeeded, withKnown } from '../logic/settled-view';
import { AcceptForm } from './AcceptForm';
import { ConnectionCard } from './ConnectionCard';
import { ConnectionsTable } from './ConnectionsTable';
import { DeleteConnectionModal } from './DeleteConnectionModal';
import { FormModal } from './FormModal';
import { InviteForm } from './InviteForm';
import { OrganisationName } from './OrganisationName';
import { ServiceNowForm } from './ServiceNowForm';
import { ServiceNowSettings } from './ServiceNowSettings';

type Props = { connections: ConnectionView[]; reload: () => Promise<void>; onShowErrors: (connectionId: string) => void };
type Setup = 'invite' | 'accept' | 'servicenow';
const SETUP_TITLE: Record<Setup, string> = { invite: 'New connection: invite a partner', accept: 'New connection: accept an invitation', servicenow: 'New connection: a ServiceNow instance' };

export function ConnectionsPanel({ connections: listed, reload, onShowErrors }: Props) {
  // What the page learnt from its own changes, until the (eventually consistent) list agrees.
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const timers = useRef<number[]>([]);
  useEffect(() => () => timers.current.forEach((t) => window.clearTimeout(t)), []);
  useEffect(() => setKnown((k) => (k.size ? stillNeeded(k, listed) : k)), [listed]);
  const refresh = useCallback(async () => {
    await reload();
    timers.current.forEach((t) => window.clearTimeout(t));
    timers.current = FOLLOW_UP_MS.map((ms) => window.setTimeout(() => void reload(), ms));
  }, [reload]);
  const connections = withKnown(listed, known, removed) as ConnectionView[];
  const action = useAction(refresh);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [pausing, setPausing] = useState<ConnectionView | null>(null);
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const details = connections.find((c) => c.id === detailsId) ?? null;

  const change = async (c: ConnectionView, kind: 'pause' | 'resume' | 'delete') => {
    const done = await action.run<{ connectionId: string; state: string }>(kind, 'admin/connections/change', { connectionId: c.id, change: kind });
    if (!done) return;
    if (kind === 'delete' || done.state === 'deleted') setRemoved((r) => new Set(r).add(c.id));
    else setKnown((k) => new Map(k).set(c.id, done.state));
  };
  const showDetails = (c: ConnectionView) => {
    setDetailsId(c.id);
    // The details render below the table: bring them into view for the admin who asked.
    requestAnimationFrame(() => document.getElementById(`conn-${c.id}`)?.scrollIntoView({ block: 'nearest' }));
  };

  return (
    <div className="lz-page">
      <div className="lz-row">
        <Heading as="h2" size="medium">Connections</Heading>
        <div className="lz-row lz-push">
          <Button appearance="primary" onClick={() => setSetup('invite')}>Invite a partner</Button>
          <Button onClick={() => setSetup('accept')}>Accept an invitation</Button>
          <Button onClick={() => setSetup('servicenow')}>Connect ServiceNow</Button>
        </div>
      </div>
      <OrganisationName />
      {action.error && <ResolverErrorMessage error={action.error} />}
      <ConnectionsTable
        connections={connections}
        actions={{
          busy: action.busy !== null,
          onPauseOrResume: (c, kind) => (kind === 'pause' ? setPausing(c) : void change(c, 'resume')),
          onDelete: setDeleting,
          onDetails: showDetails,
          onShowErrors: (c) => onShowErrors(c.id),
          // A ServiceNow instance's settings (read again with "Refresh instance settings") open with its details.
          extraItems: (c) => (c.partnerKind === 'servicenow' && c.state !== 'ended' ? [{ label: 'ServiceNow settings', onSelect: () => showDetails(c) }] : []),
        }}
      />
      {details && <ConnectionCard key={details.id} connection={details} reload={refresh} onClose={() => setDetailsId(null)} />}
      {details?.partnerKind === 'servicenow' && details.state !== 'ended' && <ServiceNowSettings key={`sn-${details.id}`} connectionId={details.id} onSaved={refresh} />}
      <FormModal open={setup !== null} title={setup ? SETUP_TITLE[setup] : ''} onClose={() => setSetup(null)}>
        {setup === 'invite' && <InviteForm onDone={refresh} />}
        {setup === 'accept' && <AcceptForm onDone={refresh} />}
        {setup === 'servicenow' && <ServiceNowForm onDone={refresh} />}
      </FormModal>
      <ConfirmModal
        open={pausing !== null}
        title={pausing ? `Pause the connection with ${partnerLabel(pausing)}?` : ''}
        confirmLabel="Pause"
        onCancel={() => setPausing(null)}
        onConfirm={() => {
          if (pausing) void change(pausing, 'pause');
          setPausing(null);
        }}
      >
        <p>Nothing is sent or received while paused: changes on both sides wait in the queue and go out in order when you resume.</p>
      </ConfirmModal>
      <DeleteConnectionModal
        connection={deleting}
        onCancel={() => setDeleting(null)}
        onConfirm={(c) => {
          setDeleting(null);
          if (detailsId === c.id) setDetailsId(null);
          void change(c, 'delete');
        }}
      />
    </div>
  );
}
