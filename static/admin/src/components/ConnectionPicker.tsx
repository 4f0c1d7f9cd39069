import { useId } from 'react';
import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import type { ConnectionView } from '../../../../src/shared/resolver-contract';
import { connectionName } from '../logic/connection-text';

/** `label`: the partner by name (`Globex (globex.atlassian.net)`); `projects`: what it shares, told apart in the menu. */
type Option = { label: string; value: string; projects: string };

export function ConnectionPicker({ connections, selected, onSelect }: { connections: ConnectionView[]; selected: string; onSelect: (id: string) => void }) {
  // One picker per tab, and Atlaskit keeps visited tabs mounted: ids must be unique per instance.
  const id = `connection-picker-${useId().replace(/:/g, '')}`;
  const options: Option[] = connections.map((c) => ({ label: connectionName(c), value: c.id, projects: c.projects.map((p) => p.projectKey).join(', ') }));
  return (
    <div className="lz-field">
      <Label htmlFor={id}>Connection</Label>
      <Select<Option>
        inputId={id}
        options={options}
        value={options.find((o) => o.value === selected) ?? null}
        onChange={(o) => o && onSelect(o.value)}
        // In the open menu each partner also says which projects it shares; the chosen value shows the name only.
        formatOptionLabel={(o, meta) =>
          meta.context === 'menu' && o.projects ? (
            <span>
              {o.label} <span className="lz-muted">· {o.projects}</span>
            </span>
          ) : (
            o.label
          )
        }
      />
    </div>
  );
}
