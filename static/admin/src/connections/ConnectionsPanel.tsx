import Heading from '@atlaskit/heading';
import type { ConnectionView } from '../../../../src/shared/resolver-contract';
import { AcceptForm } from './AcceptForm';
import { ConnectionCard } from './ConnectionCard';
import { InviteForm } from './InviteForm';
import { ServiceNowForm } from './ServiceNowForm';

export function ConnectionsPanel({ connections, reload }: { connections: ConnectionView[]; reload: () => Promise<void> }) {
  return (
    <div className="lz-page">
      <div className="lz-grid">
        <InviteForm onDone={reload} />
        <AcceptForm onDone={reload} />
        <ServiceNowForm onDone={reload} />
      </div>
      <Heading as="h2" size="medium">Connections</Heading>
      {connections.length === 0 && <p>No connections yet. Create an invitation and send the code to your partner, or accept theirs.</p>}
      {connections.map((c) => (
        <ConnectionCard key={c.id} connection={c} reload={reload} />
      ))}
    </div>
  );
}
