// Who is accountable on each side: a small list of name / role / email rows.
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { Contact } from '../../../../src/shared/resolver-contract';

const ROLES: Array<{ label: string; value: Contact['role'] }> = [
  { label: 'Accountable', value: 'accountable' },
  { label: 'Responsible', value: 'responsible' },
  { label: 'Informed', value: 'informed' },
];

type Props = { idPrefix: string; contacts: Contact[]; onChange: (c: Contact[]) => void; legend?: string };

export function ContactsEditor({ idPrefix, contacts, onChange, legend = 'Contacts on your side (optional)' }: Props) {
  const update = (i: number, patch: Partial<Contact>) => onChange(contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <fieldset className="lz-card">
      <legend>{legend}</legend>
      {contacts.map((c, i) => (
        <div className="lz-row lz-row-end" key={i}>
          <div className="lz-field lz-grow">
            <Label htmlFor={`${idPrefix}-name-${i}`}>Name</Label>
            <Textfield id={`${idPrefix}-name-${i}`} value={c.name} onChange={(e) => update(i, { name: (e.target as HTMLInputElement).value })} />
          </div>
          <div className="lz-field lz-grow">
            <Label htmlFor={`${idPrefix}-role-${i}`}>Role</Label>
            <Select inputId={`${idPrefix}-role-${i}`} options={ROLES} value={ROLES.find((r) => r.value === c.role) ?? null} onChange={(o) => o && update(i, { role: o.value })} />
          </div>
          <div className="lz-field lz-grow">
            <Label htmlFor={`${idPrefix}-email-${i}`}>Email</Label>
            <Textfield id={`${idPrefix}-email-${i}`} type="email" value={c.email} onChange={(e) => update(i, { email: (e.target as HTMLInputElement).value })} />
          </div>
          <Button appearance="subtle" aria-label={`Remove contact ${i + 1}`} onClick={() => onChange(contacts.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </div>
      ))}
      <div>
        <Button spacing="compact" onClick={() => onChange([...contacts, { name: '', role: 'accountable', email: '' }])}>
          Add contact
        </Button>
      </div>
    </fieldset>
  );
}
