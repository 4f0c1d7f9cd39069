// The rule editor's option sections. Each control names its rule path, so the backend's
// validation problems land next to it.
import Heading from '@atlaskit/heading';
import { formatList, formatNameMap, getIn, parseList, parseNameMap, setIn, type RuleDraft } from '../logic/rule-draft';
import type { RuleWords } from '../logic/rule-wording';
import type { Problem } from '../logic/validation-errors';
import { CheckControl, SelectControl, TextControl } from './controls';

type Props = { rule: RuleDraft; problems: readonly Problem[]; onChange: (r: RuleDraft) => void; onLocalProblem: (path: string, messages: string[]) => void; words: RuleWords };

const bool = (rule: RuleDraft, path: string[], fallback: boolean) => {
  const v = getIn(rule, path);
  return typeof v === 'boolean' ? v : fallback;
};
const list = (rule: RuleDraft, path: string[]) => formatList(getIn(rule, path) as string[] | undefined);
const num = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

export function OutgoingSection({ rule, problems, onChange, words }: Props) {
  const set = (path: string[], v: unknown) => onChange(setIn(rule, ['outgoing', ...path], v));
  return (
    <section className="lz-card" aria-labelledby="outgoing-h">
      <Heading as="h3" size="small" id="outgoing-h">What leaves (outgoing)</Heading>
      <SelectControl
        path="outgoing.userPrivacy"
        label="People fields leave as"
        problems={problems}
        value={(getIn(rule, ['outgoing', 'userPrivacy']) as 'displayName' | 'displayNameAndEmail' | undefined) ?? 'displayName'}
        options={[
          { label: 'Display name only', value: 'displayName' },
          { label: 'Display name and email', value: 'displayNameAndEmail' },
        ]}
        onChange={(v) => set(['userPrivacy'], v)}
      />
      <CheckControl path="outgoing.comments.enabled" label="Send public comments" problems={problems} checked={bool(rule, ['outgoing', 'comments', 'enabled'], true)} onChange={(v) => set(['comments', 'enabled'], v)} />
      <CheckControl path="outgoing.comments.includeInternal" label="Also send internal comments" help={words.includeInternalHelp} problems={problems} checked={bool(rule, ['outgoing', 'comments', 'includeInternal'], false)} onChange={(v) => set(['comments', 'includeInternal'], v)} />
      <CheckControl path="outgoing.attachments.enabled" label="Send attachments" help={words.attachmentsHelp} problems={problems} checked={bool(rule, ['outgoing', 'attachments', 'enabled'], false)} onChange={(v) => set(['attachments', 'enabled'], v)} />
      <TextControl path="outgoing.attachments.maxBytes" label="Attachment size limit (bytes)" problems={problems} value={String(getIn(rule, ['outgoing', 'attachments', 'maxBytes']) ?? 10485760)} onChange={(v) => set(['attachments', 'maxBytes'], num(v))} />
      <TextControl path="outgoing.attachments.mimeTypes" label="Attachment types allowed out" help="Comma separated, like image/*, application/pdf" problems={problems} value={list(rule, ['outgoing', 'attachments', 'mimeTypes'])} onChange={(v) => set(['attachments', 'mimeTypes'], parseList(v))} />
    </section>
  );
}

export function IncomingSection({ rule, problems, onChange, onLocalProblem, words }: Props) {
  const set = (path: string[], v: unknown) => onChange(setIn(rule, ['incoming', ...path], v));
  const create = getIn(rule, ['incoming', 'create']) as { projectKey: string; issueType: string } | null | undefined;
  const mapControl = (field: 'status' | 'priority' | 'issuetype', label: string) => {
    const path = `incoming.valueMaps.${field}`;
    return (
      <TextControl
        path={path}
        label={label}
        multiline
        help={words.valueMapHelp}
        problems={problems}
        value={formatNameMap(getIn(rule, ['incoming', 'valueMaps', field]) as Record<string, string> | undefined)}
        onChange={(text) => {
          const parsed = parseNameMap(text);
          onLocalProblem(path, parsed.problems);
          set(['valueMaps', field], parsed.map);
        }}
      />
    );
  };
  return (
    <section className="lz-card" aria-labelledby="incoming-h">
      <Heading as="h3" size="small" id="incoming-h">What is accepted (incoming)</Heading>
      {mapControl('status', 'Status value map')}
      {mapControl('priority', 'Priority value map')}
      {words.showIssueTypeMap && mapControl('issuetype', 'Issue type value map')}
      <CheckControl path="incoming.users.matchByEmail" label={words.matchByEmail} problems={problems} checked={bool(rule, ['incoming', 'users', 'matchByEmail'], true)} onChange={(v) => set(['users', 'matchByEmail'], v)} />
      <TextControl
        path="incoming.users.map"
        label="User mapping"
        multiline
        help={words.userMapHelp}
        problems={problems}
        value={formatNameMap(getIn(rule, ['incoming', 'users', 'map']) as Record<string, string> | undefined)}
        onChange={(text) => {
          const parsed = parseNameMap(text);
          onLocalProblem('incoming.users.map', parsed.problems);
          set(['users', 'map'], parsed.map);
        }}
      />
      <TextControl path="incoming.users.defaultAccountId" label="Default account when nobody matches" help="Empty: leave the field unchanged and report it" problems={problems} value={(getIn(rule, ['incoming', 'users', 'defaultAccountId']) as string | null | undefined) ?? ''} onChange={(v) => set(['users', 'defaultAccountId'], v.trim() || null)} />
      <CheckControl path="incoming.comments.enabled" label="Accept comments" problems={problems} checked={bool(rule, ['incoming', 'comments', 'enabled'], true)} onChange={(v) => set(['comments', 'enabled'], v)} />
      <CheckControl path="incoming.comments.asInternal" label={words.asInternal} problems={problems} checked={bool(rule, ['incoming', 'comments', 'asInternal'], false)} onChange={(v) => set(['comments', 'asInternal'], v)} />
      <CheckControl path="incoming.attachments.enabled" label="Accept attachments" problems={problems} checked={bool(rule, ['incoming', 'attachments', 'enabled'], false)} onChange={(v) => set(['attachments', 'enabled'], v)} />
      <CheckControl path="incoming.directLinks" label="Trusted partner: link to existing issues without asking (otherwise each link waits for an agent or admin to accept)" problems={problems} checked={bool(rule, ['incoming', 'directLinks'], false)} onChange={(v) => set(['directLinks'], v)} />
      <CheckControl path="incoming.create" label={words.create} problems={problems} checked={!!create} onChange={(v) => set(['create'], v ? { projectKey: rule.projectKey, issueType: 'Task' } : null)} />
      {create && (
        <div className="lz-row">
          <div className="lz-grow"><TextControl path="incoming.create.projectKey" label="Create in project" problems={problems} value={create.projectKey} onChange={(v) => set(['create', 'projectKey'], v.trim())} /></div>
          <div className="lz-grow"><TextControl path="incoming.create.issueType" label="As issue type" problems={problems} value={create.issueType} onChange={(v) => set(['create', 'issueType'], v.trim())} /></div>
        </div>
      )}
    </section>
  );
}

export function ScopeSection({ rule, problems, onChange }: Props) {
  const set = (path: string[], v: unknown) => onChange(setIn(rule, ['scope', ...path], v));
  const pilot = getIn(rule, ['scope', 'pilot']) as { labels?: string[]; issueKeys?: string[] } | null | undefined;
  return (
    <section className="lz-card" aria-labelledby="scope-h">
      <Heading as="h3" size="small" id="scope-h">Which issues (scope)</Heading>
      <TextControl path="scope.issueTypes" label="Issue types" help="Comma separated; empty means all" problems={problems} value={list(rule, ['scope', 'issueTypes'])} onChange={(v) => set(['issueTypes'], parseList(v))} />
      <TextControl path="scope.statuses" label="Statuses" help="Comma separated; empty means all" problems={problems} value={list(rule, ['scope', 'statuses'])} onChange={(v) => set(['statuses'], parseList(v))} />
      <TextControl path="scope.labels" label="Labels" help="An issue needs one of these; empty means any" problems={problems} value={list(rule, ['scope', 'labels'])} onChange={(v) => set(['labels'], parseList(v))} />
      <CheckControl path="scope.manualStart" label="Start only when an agent presses Start syncing" problems={problems} checked={bool(rule, ['scope', 'manualStart'], false)} onChange={(v) => set(['manualStart'], v)} />
      <CheckControl path="scope.pilot" label="Pilot: only a few issues sync for now" problems={problems} checked={!!pilot} onChange={(v) => set(['pilot'], v ? { labels: [], issueKeys: [] } : null)} />
      {pilot && (
        <>
          <TextControl path="scope.pilot.labels" label="Pilot labels" problems={problems} value={formatList(pilot.labels)} onChange={(v) => set(['pilot', 'labels'], parseList(v))} />
          <TextControl path="scope.pilot.issueKeys" label="Pilot issue keys" help="Comma separated, like ACME-1, ACME-7" problems={problems} value={formatList(pilot.issueKeys)} onChange={(v) => set(['pilot', 'issueKeys'], parseList(v))} />
        </>
      )}
    </section>
  );
}

export function ModeSection({ rule, problems, onChange }: Props) {
  const mode = (getIn(rule, ['mode']) as { kind: 'realtime' } | { kind: 'batched'; everyMinutes: number } | undefined) ?? { kind: 'realtime' };
  return (
    <section className="lz-card" aria-labelledby="mode-h">
      <Heading as="h3" size="small" id="mode-h">When (mode)</Heading>
      <SelectControl
        path="mode.kind"
        label="Send changes"
        problems={problems}
        value={mode.kind}
        options={[
          { label: 'Right away (real time)', value: 'realtime' },
          { label: 'In batches', value: 'batched' },
        ]}
        onChange={(v) => onChange(setIn(rule, ['mode'], v === 'batched' ? { kind: 'batched', everyMinutes: 15 } : { kind: 'realtime' }))}
      />
      {mode.kind === 'batched' && (
        <TextControl path="mode.everyMinutes" label="Every (minutes)" help="5 to 1440" problems={problems} value={String(mode.everyMinutes)} onChange={(v) => onChange(setIn(rule, ['mode', 'everyMinutes'], num(v)))} />
      )}
    </section>
  );
}
