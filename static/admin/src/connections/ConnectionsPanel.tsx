// The Connections tab: the table of connections first, the three ways to add one as buttons that
// open their forms in a modal, and below the table the details of the connection picked.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import type { ConnectionView } from '../../../../src/shared/resolver-contract';
import { ConfirmModal } from '../../../shared/components/ConfirmModal';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { useAction } from '../../../shared/use-resolver';
import { partnerLabel } from '../logic/connection-rows';
import { AcceptForm } from './AcceptForm';
import { ConnectionCard } from './ConnectionCard';
import { ConnectionsTable } from './ConnectionsTable';
import { DeleteConnectionModal } from './DeleteConnectionModal';
import { FormModal } from './FormModal';
import { InviteForm } from './InviteForm';
import { ServiceNowForm } from './ServiceNowForm';
import { ServiceNowSettings } from './ServiceNowSettings';

type Props = { connections: ConnectionView[]; reload: () => Promise<void>; onShowErrors: (connectionId: string) => void };
type Setup = 'invite' | 'accept' | 'servicenow';
const SETUP_TITLE: Record<Setup, string> = { invite: 'New connection: invite a partner', accept: 'New connection: accept an invitation', servicenow: 'New connection: a ServiceNow instance' };

export function ConnectionsPanel({ connections, reload, onShowErrors }: Props) {
  const action = useAction(reload);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [pausing, setPausing] = useState<ConnectionView | null>(null);
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const details = connections.find((c) => c.id === detailsId) ?? null;

  const change = (c: ConnectionView, kind: 'pause' | 'resume' | 'delete') => void action.run(kind, 'admin/connections/change', { connectionId: c.id, change: kind });
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
      {action.error && <ResolverErrorMessage error={action.error} />}
      <ConnectionsTable
        connections={connections}
        actions={{
          busy: action.busy !== null,
          onPauseOrResume: (c, kind) => (kind === 'pause' ? setPausing(c) : change(c, 'resume')),
          onDelete: setDeleting,
          onDetails: showDetails,
          onShowErrors: (c) => onShowErrors(c.id),
          // A ServiceNow instance's settings (read again with "Refresh instance settings") open with its details.
          extraItems: (c) => (c.partnerKind === 'servicenow' && c.state !== 'ended' ? [{ label: 'ServiceNow settings', onSelect: () => showDetails(c) }] : []),
        }}
      />
      {details && <ConnectionCard key={details.id} connection={details} reload={reload} onClose={() => setDetailsId(null)} />}
      {details?.partnerKind === 'servicenow' && details.state !== 'ended' && <ServiceNowSettings key={`sn-${details.id}`} connectionId={details.id} />}
      <FormModal open={setup !== null} title={setup ? SETUP_TITLE[setup] : ''} onClose={() => setSetup(null)}>
        {setup === 'invite' && <InviteForm onDone={reload} />}
        {setup === 'accept' && <AcceptForm onDone={reload} />}
        {setup === 'servicenow' && <ServiceNowForm onDone={reload} />}
      </FormModal>
      <ConfirmModal
        open={pausing !== null}
        title={pausing ? `Pause the connection with ${partnerLabel(pausing)}?` : ''}
        confirmLabel="Pause"
        onCancel={() => setPausing(null)}
        onConfirm={() => {
          if (pausing) change(pausing, 'pause');
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
          change(c, 'delete');
        }}
      />
    </div>
  );
}
