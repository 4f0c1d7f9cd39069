// The per-field table: shared or not, direction, conflict policy, partner field.
import { Checkbox } from '@atlaskit/checkbox';
import DynamicTable from '@atlaskit/dynamic-table';
import Select from '@atlaskit/select';
import { STANDARD_FIELDS, standardField } from '../../../../src/core/fields/standard-fields';
import { formatRulePath } from '../logic/rule-paths';
import { fieldPolicy, setFieldPolicy, withDirection, type Conflict, type Direction, type RuleDraft } from '../logic/rule-draft';
import { controlId, problemsAt, type Problem } from '../logic/validation-errors';
import type { RuleWords } from '../logic/rule-wording';
import { InlineProblems } from './controls';
import { PickOne } from './pickers';

const DIRECTIONS: Array<{ label: string; value: Direction }> = [
  { label: 'Send only', value: 'out' },
  { label: 'Receive only', value: 'in' },
  { label: 'Both ways', value: 'both' },
];
const conflicts = (partnerWins: string): Array<{ label: string; value: Conflict }> => [
  { label: 'Latest change wins', value: 'latest' },
  { label: 'Our value wins', value: 'local' },
  { label: partnerWins, value: 'partner' },
];

type Props = { rule: RuleDraft; catalog: Array<{ key: string; name: string }>; problems: readonly Problem[]; onChange: (r: RuleDraft) => void; words: RuleWords };

export function FieldsTable({ rule, catalog, problems, onChange, words }: Props) {
  const CONFLICTS = conflicts(words.conflictPartner);
  const extra = Object.keys(rule.fields).filter((k) => !catalog.some((f) => f.key === k));
  const fields = [...catalog, ...extra.map((k) => ({ key: k, name: k }))];
  const nameOf = new Map(fields.map((f) => [f.key, `${f.name} (${f.key})`]));
  // The partner's standard fields are known by key; its custom fields (custom:…) are typed. A people
  // field is fed only by a people field.
  const people = new Set<string>(STANDARD_FIELDS.filter((f) => f.people).map((f) => f.key));
  const partnerFieldKeys = (key: string) => catalog.filter((f) => !f.key.startsWith('custom:') && people.has(f.key) === people.has(key)).map((f) => f.key);
  const rows = fields.map((f) => {
    const policy = fieldPolicy(rule, f.key);
    const base = formatRulePath(['fields', f.key]);
    const path = (p: string) => formatRulePath(['fields', f.key, p]);
    const invalid = (p: string) => problemsAt(problems, path(p)).length > 0;
    return {
      key: f.key,
      cells: [
        {
          key: 'shared',
          content: (
            <>
              <Checkbox id={controlId(base)} label={f.name} isChecked={!!policy} onChange={(e) => onChange(setFieldPolicy(rule, f.key, e.target.checked ? withDirection(undefined, 'out') : null))} />
              <InlineProblems path={base} problems={problems.filter((p) => p.path === base)} />
            </>
          ),
        },
        {
          key: 'direction',
          content: policy && (
            <>
              <Select inputId={controlId(path('direction'))} aria-label={`${f.name} direction`} options={standardField(f.key)?.outgoingOnly ? DIRECTIONS.filter((d) => d.value === 'out') : DIRECTIONS} value={DIRECTIONS.find((d) => d.value === policy.direction) ?? null} onChange={(o) => o && onChange(setFieldPolicy(rule, f.key, withDirection(policy, o.value)))} isInvalid={invalid('direction')} />
              <InlineProblems path={path('direction')} problems={problems} />
            </>
          ),
        },
        {
          key: 'conflict',
          content: policy && (
            <>
              {policy.direction === 'both' ? (
                <Select inputId={controlId(path('conflict'))} aria-label={`${f.name} conflict policy`} options={CONFLICTS} value={CONFLICTS.find((c) => c.value === policy.conflict) ?? null} onChange={(o) => o && onChange(setFieldPolicy(rule, f.key, { ...policy, conflict: o.value }))} isInvalid={invalid('conflict')} />
              ) : (
                <span className="lz-muted">one-way</span>
              )}
              <InlineProblems path={path('conflict')} problems={problems} />
            </>
          ),
        },
        {
          key: 'partnerField',
          content: policy && policy.direction !== 'out' && (
            <>
              <PickOne
                id={controlId(path('partnerField'))}
                label={`${f.name} ${words.partnerFieldHeader.toLowerCase()}`}
                value={policy.partnerField ?? null}
                known={partnerFieldKeys(f.key)}
                labelOf={(k) => nameOf.get(k) ?? k}
                creatable
                clearable
                placeholder={`Same field (${f.name})`}
                invalid={invalid('partnerField')}
                onChange={(v) => {
                  const next = { ...policy };
                  if (v) next.partnerField = v.trim();
                  else delete next.partnerField;
                  onChange(setFieldPolicy(rule, f.key, next));
                }}
              />
              <InlineProblems path={path('partnerField')} problems={problems} />
            </>
          ),
        },
      ],
    };
  });
  return (
    <>
      {words.fieldsNote && <p className="lz-muted">{words.fieldsNote}</p>}
      <DynamicTable
        caption="Fields: what is shared, in which direction, and who wins a conflict"
        head={{ cells: [{ key: 'shared', content: 'Field' }, { key: 'direction', content: 'Direction' }, { key: 'conflict', content: 'Conflict policy' }, { key: 'partnerField', content: words.partnerFieldHeader }] }}
        rows={rows}
      />
    </>
  );
}
