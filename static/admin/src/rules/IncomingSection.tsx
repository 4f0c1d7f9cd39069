// What the partner may change here: value maps as two-column tables (the partner's values on the
// left, ours on the right), people by email → account, and where partner-created issues land.
import Heading from '@atlaskit/heading';
import Textfield from '@atlaskit/textfield';
import { getIn, setIn, type RuleDraft } from '../logic/rule-draft';
import type { PickerData } from '../logic/rule-picker-data';
import type { RuleWords } from '../logic/rule-wording';
import { controlId, problemsAt, type Problem } from '../logic/validation-errors';
import { CheckControl } from './controls';
import { MapTable } from './MapTable';
import { AccountPicker, Messages, PickOne } from './pickers';

type Props = { rule: RuleDraft; problems: readonly Problem[]; onChange: (r: RuleDraft) => void; onLocalProblem: (path: string, messages: string[]) => void; words: RuleWords; data: PickerData };

const LISTS = { status: 'statuses', priority: 'priorities', issuetype: 'issueTypes', components: 'components', fixVersions: 'versions', versions: 'versions' } as const;
const NOUNS = { status: 'status', priority: 'priority', issuetype: 'issue type', components: 'component', fixVersions: 'fix version', versions: 'affects version' } as const;
const PART_NOUNS = { components: 'components', fixVersions: 'versions', versions: 'versions' } as const;
/** Values the project defines: mapped, and created when missing if the admin allows it, per field. */
const PARTS = [
  { field: 'components', label: 'Component value map', create: 'Create components this project lacks' },
  { field: 'fixVersions', label: 'Fix version value map', create: 'Create fix versions this project lacks' },
  { field: 'versions', label: 'Affects version value map', create: 'Create affects versions this project lacks' },
] as const;

export function IncomingSection({ rule, problems, onChange, onLocalProblem, words, data }: Props) {
  const set = (path: string[], v: unknown) => onChange(setIn(rule, ['incoming', ...path], v));
  const bool = (path: string[], fallback: boolean) => {
    const v = getIn(rule, ['incoming', ...path]);
    return typeof v === 'boolean' ? v : fallback;
  };
  // The components and versions tables show once the rule accepts the field from the partner.
  const accepts = (field: string) => {
    const policy = getIn(rule, ['fields', field]) as { direction?: string } | undefined;
    return policy !== undefined && policy.direction !== 'out';
  };
  const create = getIn(rule, ['incoming', 'create']) as { projectKey: string; issueType: string } | null | undefined;

  const valueMap = (field: keyof typeof LISTS, label: string) => {
    const partnerValues = data.partner?.[LISTS[field]] ?? [];
    const localValues = data.local[LISTS[field]] ?? [];
    // Until the partner shares its values they are typed, the way the partner names them (said above the maps).
    const partnerKnown = partnerValues.length > 0;
    return (
      <MapTable
        path={`incoming.valueMaps.${field}`}
        label={label}
        headers={{ from: `${data.partnerName}'s ${NOUNS[field]}`, to: `Our ${NOUNS[field]}` }}
        map={getIn(rule, ['incoming', 'valueMaps', field]) as Record<string, string> | undefined}
        problems={problems}
        describedBy="value-maps-help"
        // A partner from before components and versions were shared sends statuses but not these.
        help={!partnerKnown && data.partner && field in PART_NOUNS ? `${data.partnerName === 'Partner' ? 'The partner' : data.partnerName} hasn't shared its ${PART_NOUNS[field as keyof typeof PART_NOUNS]} yet: type them as it names them.` : undefined}
        addLabel={`Add ${field === 'issuetype' || field === 'versions' ? 'an' : 'a'} ${NOUNS[field]} mapping`}
        renderFrom={(c) => <PickOne {...c} known={partnerValues} creatable={!partnerKnown} />}
        renderTo={(c) => <PickOne {...c} known={localValues} creatable={localValues.length === 0} />}
        onChange={(map) => set(['valueMaps', field], map)}
        onLocalProblem={onLocalProblem}
      />
    );
  };

  const defaultPath = 'incoming.users.defaultAccountId';
  const defaultMessages = problemsAt(problems, defaultPath);
  const createProject = create?.projectKey ?? rule.projectKey;
  const projectKeys = data.projects.map((p) => p.key);
  const typesKnown = createProject === rule.projectKey ? data.local.issueTypes : [];
  return (
    <section className="lz-card lz-span-all" aria-labelledby="incoming-h">
      <Heading as="h3" size="small" id="incoming-h">What is accepted (incoming)</Heading>
      <p className="lz-muted" id="value-maps-help">
        {words.valueMapHelp}
        {!(data.partner && data.partner.statuses.length + data.partner.priorities.length > 0) && <> {data.missingPartnerValues}</>}
      </p>
      {valueMap('status', 'Status value map')}
      {valueMap('priority', 'Priority value map')}
      {words.showIssueTypeMap && valueMap('issuetype', 'Issue type value map')}
      {PARTS.filter((p) => accepts(p.field)).map((p) => (
        <div key={p.field}>
          {valueMap(p.field, p.label)}
          <CheckControl path={`incoming.createMissing.${p.field}`} label={p.create} problems={problems} checked={bool(['createMissing', p.field], false)} onChange={(v) => set(['createMissing', p.field], v)} />
        </div>
      ))}
      <CheckControl path="incoming.users.matchByEmail" label={words.matchByEmail} problems={problems} checked={bool(['users', 'matchByEmail'], true)} onChange={(v) => set(['users', 'matchByEmail'], v)} />
      <MapTable
        path="incoming.users.map"
        label="User mapping"
        headers={{ from: `${data.partnerName} email`, to: 'Our account' }}
        map={getIn(rule, ['incoming', 'users', 'map']) as Record<string, string> | undefined}
        problems={problems}
        help={words.userMapHelp}
        addLabel="Add a person"
        renderFrom={(c) => <Textfield id={c.id} aria-label={c.label} type="email" value={c.value ?? ''} onChange={(e) => c.onChange((e.target as HTMLInputElement).value)} />}
        renderTo={(c) => <AccountPicker {...c} names={data.names} search={data.search} onChange={(id, account) => (account && data.rememberName(account), c.onChange(id))} />}
        onChange={(map) => set(['users', 'map'], map)}
        onLocalProblem={onLocalProblem}
      />
      <div className="lz-field">
        <label className="lz-map-label" htmlFor={controlId(defaultPath)}>Default account when nobody matches</label>
        <AccountPicker
          id={controlId(defaultPath)}
          label="Default account when nobody matches"
          value={(getIn(rule, ['incoming', 'users', 'defaultAccountId']) as string | null | undefined) ?? null}
          names={data.names}
          search={data.search}
          invalid={defaultMessages.length > 0}
          describedBy={`${controlId(defaultPath)}-msg`}
          placeholder="Nobody: leave the field unchanged and report it"
          onChange={(id, account) => {
            if (account) data.rememberName(account);
            set(['users', 'defaultAccountId'], id);
          }}
        />
        <Messages id={controlId(defaultPath)} messages={defaultMessages} help="Empty: leave the field unchanged and report it" />
      </div>
      <CheckControl path="incoming.comments.enabled" label="Accept comments" problems={problems} checked={bool(['comments', 'enabled'], true)} onChange={(v) => set(['comments', 'enabled'], v)} />
      <CheckControl path="incoming.comments.asInternal" label={words.asInternal} problems={problems} checked={bool(['comments', 'asInternal'], false)} onChange={(v) => set(['comments', 'asInternal'], v)} />
      <CheckControl path="incoming.attachments.enabled" label="Accept attachments" problems={problems} checked={bool(['attachments', 'enabled'], false)} onChange={(v) => set(['attachments', 'enabled'], v)} />
      <CheckControl path="incoming.worklogs.enabled" label="Accept worklogs (logged here by the app, naming the partner's person)" problems={problems} checked={bool(['worklogs', 'enabled'], false)} onChange={(v) => set(['worklogs', 'enabled'], v)} />
      <CheckControl path="incoming.directLinks" label="Trusted partner: link to existing issues without asking (otherwise each link waits for an agent or admin to accept)" problems={problems} checked={bool(['directLinks'], false)} onChange={(v) => set(['directLinks'], v)} />
      <CheckControl path="incoming.create" label={words.create} problems={problems} checked={!!create} onChange={(v) => set(['create'], v ? { projectKey: rule.projectKey, issueType: data.local.issueTypes.includes('Task') ? 'Task' : (data.local.issueTypes[0] ?? 'Task') } : null)} />
      {create && (
        <div className="lz-row lz-row-end">
          {(['projectKey', 'issueType'] as const).map((part) => {
            const path = `incoming.create.${part}`;
            const messages = problemsAt(problems, path);
            return (
              <div className="lz-grow lz-field" key={part}>
                <PickOne
                  id={controlId(path)}
                  visibleLabel
                  label={part === 'projectKey' ? 'Create in project' : 'As issue type'}
                  value={create[part] || null}
                  known={part === 'projectKey' ? projectKeys : typesKnown}
                  creatable={part === 'projectKey' ? projectKeys.length === 0 : typesKnown.length === 0}
                  labelOf={part === 'projectKey' ? (k) => `${data.projects.find((p) => p.key === k)?.name ?? k} (${k})` : undefined}
                  invalid={messages.length > 0}
                  describedBy={messages.length ? `${controlId(path)}-msg` : undefined}
                  onChange={(v) => set(['create', part], v ?? '')}
                />
                <Messages id={controlId(path)} messages={messages} />
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
