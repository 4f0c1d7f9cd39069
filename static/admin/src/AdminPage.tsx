// The Jira admin's page: connections first, then everything that is per connection. Someone who is
// not a Jira admin sees only why, and whom to ask.
import { useEffect, useState } from 'react';
import Heading from '@atlaskit/heading';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { ConnectionView } from '../../../src/shared/resolver-contract';
import { Loading } from '../../shared/components/Loading';
import { ResolverErrorMessage } from '../../shared/components/ResolverErrorMessage';
import { useResolver } from '../../shared/use-resolver';
import { ConnectionPicker } from './components/ConnectionPicker';
import { NotAllowed } from './components/NotAllowed';
import { ConnectionsPanel } from './connections/ConnectionsPanel';
import { partnerLabel } from './logic/connection-rows';
import { AuditPanel } from './panels/AuditPanel';
import { LinkRequestsPanel } from './panels/LinkRequestsPanel';
import { KpiPanel } from './panels/KpiPanel';
import { PreviewPanel } from './panels/PreviewPanel';
import { QueuePanel } from './panels/QueuePanel';
import { RulesPanel } from './rules/RulesPanel';

const TABS = ['Connections', 'Sharing rules', 'What the partner sees', 'Queue and errors', 'Audit log', 'KPIs'] as const;
const ERRORS_TAB = TABS.indexOf('Queue and errors');

export function AdminPage() {
  const connections = useResolver<ConnectionView[]>('admin/connections/list', {});
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState(0);
  const list = connections.data ?? [];
  const current = list.find((c) => c.id === selected) ?? list[0] ?? null;

  useEffect(() => {
    if (current && current.id !== selected) setSelected(current.id);
  }, [current, selected]);

  if (connections.error?.code === 'forbidden') return <NotAllowed message={connections.error.message} />;

  const perConnection = (render: (c: ConnectionView) => JSX.Element) =>
    current ? (
      <div className="lz-page">
        <ConnectionPicker connections={list} selected={current.id} onSelect={setSelected} />
        {render(current)}
      </div>
    ) : (
      <div className="lz-page">
        <p>Connect to a partner first (Connections tab).</p>
      </div>
    );

  return (
    <div className="lz-page">
      <Heading as="h1" size="large">Liaison</Heading>
      {connections.error && <ResolverErrorMessage error={connections.error} />}
      {!connections.data && connections.loading ? (
        <Loading label="Loading connections" />
      ) : (
        <Tabs id="liaison-admin-tabs" selected={tab} onChange={(i) => setTab(i)}>
          <TabList>
            {TABS.map((t) => (
              <Tab key={t}>{t}</Tab>
            ))}
          </TabList>
          <TabPanel>
            <div className="lz-page">
              <ConnectionsPanel
                connections={list}
                reload={connections.reload}
                onShowErrors={(id) => {
                  setSelected(id);
                  setTab(ERRORS_TAB);
                }}
              />
              <LinkRequestsPanel connectionName={(id) => { const c = list.find((x) => x.id === id); return c ? partnerLabel(c) : id; }} />
            </div>
          </TabPanel>
          <TabPanel>{perConnection((c) => <RulesPanel key={c.id} connection={c} reloadConnections={connections.reload} />)}</TabPanel>
          <TabPanel>{perConnection((c) => <PreviewPanel key={c.id} connectionId={c.id} connection={c} />)}</TabPanel>
          <TabPanel>{perConnection((c) => <QueuePanel key={c.id} connectionId={c.id} partnerName={partnerLabel(c)} onChanged={connections.reload} />)}</TabPanel>
          <TabPanel>{perConnection((c) => <AuditPanel key={c.id} connectionId={c.id} />)}</TabPanel>
          <TabPanel>{perConnection((c) => <KpiPanel key={c.id} connectionId={c.id} />)}</TabPanel>
        </Tabs>
      )}
    </div>
  );
}
