// Picker controls of the rule editor: multi-selects for lists, single selects that may accept a
// typed value (when the list is not known), and an account picker that searches Jira's users and
// stores account ids. Like the other controls, each owns a rule path and shows its problems.
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Select, { AsyncSelect, CreatableSelect } from '@atlaskit/select';
import { controlId, problemsAt, type Problem } from '../logic/validation-errors';
import type { Account, AccountSearch } from '../logic/rule-picker-data';
import { optionsOf, type Option } from '../logic/rule-pickers';

type Base = { path: string; label: string; problems: readonly Problem[]; help?: string };

export function Messages({ id, messages, help }: { id: string; messages: string[]; help?: string }) {
  return (
    <div id={`${id}-msg`}>
      {help && <HelperMessage>{help}</HelperMessage>}
      {messages.map((m, i) => (
        <ErrorMessage key={i}>{m}</ErrorMessage>
      ))}
    </div>
  );
}

const aria = (id: string, messages: string[], help?: string) => ({
  'aria-invalid': messages.length > 0 || undefined,
  'aria-describedby': messages.length || help ? `${id}-msg` : undefined,
});

/** Several values from a list; `creatable` lets the admin add values the list lacks (labels). */
export function MultiSelectControl({ path, label, problems, help, values, known, creatable, onChange, placeholder }: Base & { values: string[]; known: string[]; creatable?: boolean; onChange: (v: string[]) => void; placeholder?: string }) {
  const id = controlId(path);
  const messages = problemsAt(problems, path);
  const options = optionsOf(known, values, creatable);
  const props = {
    inputId: id,
    isMulti: true as const,
    options,
    value: options.filter((o) => values.includes(o.value)),
    onChange: (picked: readonly Option[]) => onChange(picked.map((o) => o.value)),
    isInvalid: messages.length > 0,
    placeholder: placeholder ?? 'Any',
    ...aria(id, messages, help),
  };
  return (
    <div className="lz-field">
      <Label htmlFor={id}>{label}</Label>
      {creatable ? <CreatableSelect<Option, true> {...props} formatCreateLabel={(v: string) => `Add "${v}"`} /> : <Select<Option, true> {...props} />}
      <Messages id={id} messages={messages} help={help} />
    </div>
  );
}

type PickProps = {
  id: string;
  label: string;
  /** Shown as the visible label when set; otherwise `label` is the accessible name only (table cells). */
  visibleLabel?: boolean;
  value: string | null;
  known: string[];
  /** The list may be incomplete or unknown: the admin can type a value. */
  creatable: boolean;
  onChange: (v: string | null) => void;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  clearable?: boolean;
  /** What a known value is shown as (a field key as its name). */
  labelOf?: (value: string) => string;
};

/**
 * The picked value wraps instead of ending in "…": in a narrow map column a name cut to "Bl…" could
 * be any of several link types or statuses, so the whole name stays readable.
 */
const WRAP_VALUE = { singleValue: <T extends object>(base: T) => ({ ...base, whiteSpace: 'normal', overflowWrap: 'anywhere', textOverflow: 'clip' }) };

/** One value from a list, or typed when the list is not known (yet). */
export function PickOne({ id, label, visibleLabel, value, known, creatable, onChange, invalid, describedBy, placeholder, clearable, labelOf }: PickProps) {
  const options = optionsOf(known, value ? [value] : [], creatable && known.length === 0).map((o) => (labelOf && known.includes(o.value) ? { ...o, label: labelOf(o.value) } : o));
  const props = {
    inputId: id,
    ...(visibleLabel ? {} : { 'aria-label': label }),
    options,
    value: options.find((o) => o.value === value) ?? null,
    onChange: (o: Option | null) => onChange(o ? o.value : null),
    isInvalid: invalid,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    placeholder: placeholder ?? (creatable ? 'Pick or type a value' : 'Pick a value'),
    isClearable: clearable,
    styles: WRAP_VALUE,
  };
  const select = creatable ? <CreatableSelect<Option> {...props} formatCreateLabel={(v: string) => `Use "${v}"`} /> : <Select<Option> {...props} />;
  if (!visibleLabel) return select;
  return (
    <>
      <Label htmlFor={id}>{label}</Label>
      {select}
    </>
  );
}

/**
 * A Jira account, found by name or email; shows display names, stores the account id. Without a
 * search (a page that may not list users) the account id is typed.
 */
export function AccountPicker({ id, label, value, names, search, onChange, invalid, describedBy, placeholder }: { id: string; label: string; value: string | null; names: ReadonlyMap<string, string>; search: AccountSearch | null; onChange: (accountId: string | null, account?: Account) => void; invalid?: boolean; describedBy?: string; placeholder?: string }) {
  const current = value ? { value, label: names.get(value) ?? value } : null;
  const common = {
    inputId: id,
    'aria-label': label,
    value: current,
    isClearable: true,
    isInvalid: invalid,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    onChange: (o: Option | null) => onChange(o ? o.value : null, o ? { accountId: o.value, displayName: o.label } : undefined),
  };
  if (!search) return <CreatableSelect<Option> {...common} options={current ? [current] : []} placeholder={placeholder ?? 'Account id'} formatCreateLabel={(v: string) => `Use account id "${v}"`} />;
  return (
    <AsyncSelect<Option>
      {...common}
      placeholder={placeholder ?? 'Search people by name or email'}
      cacheOptions
      loadOptions={async (query: string) => (query.trim().length < 2 ? [] : (await search(query.trim())).map((u) => ({ value: u.accountId, label: u.displayName })))}
      noOptionsMessage={({ inputValue }: { inputValue: string }) => (inputValue.trim().length < 2 ? 'Type two letters of a name or email' : 'Nobody found')}
    />
  );
}
