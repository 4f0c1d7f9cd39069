// Every connection in one table, first on the page: partner, state, projects, last exchange and
// errors (which open the filtered error list); Pause/Resume asks first, Delete sits in "More".
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import type { ConnectionView } from '../../../../src/shared/resolver-contract';
import { allowedChanges } from '../logic/connection-text';
import { errorsText, lastExchangeText, partnerLabel, projectsText, STATE_LOZENGE, STATE_TEXT } from '../logic/connection-rows';
import { RowMenu, type MenuItem } from './RowMenu';

export type RowActions = {
  busy: boolean;
  onPauseOrResume: (c: ConnectionView, change: 'pause' | 'resume') => void;
  onDelete: (c: ConnectionView) => void;
  onDetails: (c: ConnectionView) => void;
  onShowErrors: (c: ConnectionView) => void;
  /** More row actions some connections have (a ServiceNow instance's "Refresh instance settings"). */
  extraItems?: (c: ConnectionView) => MenuItem[];
};

const HEAD = { cells: ['Partner', 'State', 'Projects', 'Last exchange', 'Errors', 'Actions'].map((content) => ({ key: content, content })) };

export function ConnectionsTable({ connections, actions }: { connections: ConnectionView[]; actions: RowActions }) {
  const now = Date.now();
  return (
    <DynamicTable
      caption={`${connections.length} connection${connections.length === 1 ? '' : 's'}`}
      head={HEAD}
      emptyView={<p>No connections yet. Invite a partner, accept their invitation, or connect a ServiceNow instance.</p>}
      rows={connections.map((c) => {
        const name = partnerLabel(c);
        const toggle = allowedChanges(c).find((k) => k === 'pause' || k === 'resume');
        return {
          key: c.id,
          cells: [
            { key: 'partner', content: <Button appearance="subtle" spacing="compact" aria-label={`Details of ${name}`} onClick={() => actions.onDetails(c)}>{name}</Button> },
            { key: 'state', content: <Lozenge appearance={STATE_LOZENGE[c.state]}>{STATE_TEXT[c.state]}</Lozenge> },
            { key: 'projects', content: projectsText(c) },
            { key: 'last', content: lastExchangeText(c, now) },
            {
              key: 'errors',
              content: c.health.errors > 0
                ? <Button appearance="subtle" spacing="compact" aria-label={`${errorsText(c.health.errors)} on ${name}: open the error list`} onClick={() => actions.onShowErrors(c)}>{errorsText(c.health.errors)}</Button>
                : errorsText(0),
            },
            {
              key: 'actions',
              content: (
                <div className="lz-row">
                  {toggle && (
                    <Button spacing="compact" isDisabled={actions.busy} aria-label={`${toggle === 'pause' ? 'Pause' : 'Resume'} ${name}`} onClick={() => actions.onPauseOrResume(c, toggle)}>
                      {toggle === 'pause' ? 'Pause' : 'Resume'}
                    </Button>
                  )}
                  <RowMenu
                    label={`More actions for ${name}`}
                    items={[
                      { label: 'Details and contacts', onSelect: () => actions.onDetails(c) },
                      ...(actions.extraItems?.(c) ?? []),
                      { label: 'Delete…', danger: true, disabled: actions.busy, onSelect: () => actions.onDelete(c) },
                    ]}
                  />
                </div>
              ),
            },
          ],
        };
      })}
    />
  );
}
