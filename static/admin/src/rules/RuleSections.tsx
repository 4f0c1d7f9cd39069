// The rule editor's option sections (incoming has a file of its own). Each control names its rule
// path, so the backend's validation problems land next to it.
import Heading from '@atlaskit/heading';
import { formatList, getIn, parseList, setIn, type RuleDraft } from '../logic/rule-draft';
import type { PickerData } from '../logic/rule-picker-data';
import { bytesToMb, mbToBytes } from '../logic/rule-pickers';
import type { RuleWords } from '../logic/rule-wording';
import type { Problem } from '../logic/validation-errors';
import { CheckControl, SelectControl, TextControl } from './controls';
import { JqlControl } from './JqlControl';
import { MultiSelectControl } from './pickers';

type Props = { rule: RuleDraft; problems: readonly Problem[]; onChange: (r: RuleDraft) => void; onLocalProblem: (path: string, messages: string[]) => void; words: RuleWords; data: PickerData };

/** MIME types admins usually allow out; any other is typed. */
const COMMON_TYPES = ['image/*', 'application/pdf', 'text/plain', 'text/csv', 'application/zip', 'video/*', 'audio/*'];

const bool = (rule: RuleDraft, path: string[], fallback: boolean) => {
  const v = getIn(rule, path);
  return typeof v === 'boolean' ? v : fallback;
};
const list = (rule: RuleDraft, path: string[]) => (getIn(rule, path) as string[] | undefined) ?? [];
const num = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

export function OutgoingSection({ rule, problems, onChange, onLocalProblem, words }: Props) {
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
      <TextControl
        path="outgoing.attachments.maxBytes"
        label="Attachment size limit (MB)"
        help="Larger files stay here; at most 100 MB"
        problems={problems}
        value={bytesToMb(Number(getIn(rule, ['outgoing', 'attachments', 'maxBytes']) ?? 10485760))}
        onChange={(v) => {
          const parsed = mbToBytes(v);
          onLocalProblem('outgoing.attachments.maxBytes', 'problem' in parsed ? [parsed.problem] : []);
          if ('bytes' in parsed) set(['attachments', 'maxBytes'], parsed.bytes);
        }}
      />
      <MultiSelectControl
        path="outgoing.attachments.mimeTypes"
        label="Attachment types allowed out"
        help="Pick or type types like image/* or application/pdf; none picked means no attachment leaves"
        problems={problems}
        values={(getIn(rule, ['outgoing', 'attachments', 'mimeTypes']) as string[] | undefined) ?? []}
        known={COMMON_TYPES}
        creatable
        placeholder="None"
        onChange={(v) => set(['attachments', 'mimeTypes'], v)}
      />
      <CheckControl path="outgoing.worklogs.enabled" label="Send worklogs" help="Time spent, start and comment, named for who logged it as people fields leave; restricted worklogs stay here" problems={problems} checked={bool(rule, ['outgoing', 'worklogs', 'enabled'], false)} onChange={(v) => set(['worklogs', 'enabled'], v)} />
    </section>
  );
}

export function ScopeSection({ rule, problems, onChange, data }: Props) {
  const set = (path: string[], v: unknown) => onChange(setIn(rule, ['scope', ...path], v));
  const pilot = getIn(rule, ['scope', 'pilot']) as { labels?: string[]; issueKeys?: string[]; jql?: string } | null | undefined;
  const projectKey = String(getIn(rule, ['projectKey']) ?? '');
  return (
    <section className="lz-card" aria-labelledby="scope-h">
      <Heading as="h3" size="small" id="scope-h">Which issues (scope)</Heading>
      <MultiSelectControl path="scope.issueTypes" label="Issue types in scope" help="None picked means all" problems={problems} values={list(rule, ['scope', 'issueTypes'])} known={data.local.issueTypes} creatable={data.local.issueTypes.length === 0} placeholder="All issue types" onChange={(v) => set(['issueTypes'], v)} />
      <MultiSelectControl path="scope.statuses" label="Statuses in scope" help="None picked means all" problems={problems} values={list(rule, ['scope', 'statuses'])} known={data.local.statuses} creatable={data.local.statuses.length === 0} placeholder="All statuses" onChange={(v) => set(['statuses'], v)} />
      <MultiSelectControl path="scope.labels" label="Labels in scope" help="An issue needs one of these; none means any. Type a label to add it." problems={problems} values={list(rule, ['scope', 'labels'])} known={[]} creatable placeholder="Any labels" onChange={(v) => set(['labels'], v)} />
      <JqlControl path="scope.jql" label="And matching this JQL" help="A JQL clause (no ORDER BY), checked by Jira; leave empty for no JQL" projectKey={projectKey} problems={problems} value={(getIn(rule, ['scope', 'jql']) as string | undefined) ?? ''} onChange={(v) => set(['jql'], v)} />
      <CheckControl path="scope.manualStart" label="Start only when an agent presses Start syncing" problems={problems} checked={bool(rule, ['scope', 'manualStart'], false)} onChange={(v) => set(['manualStart'], v)} />
      <CheckControl path="scope.pilot" label="Pilot: only a few issues sync for now" problems={problems} checked={!!pilot} onChange={(v) => set(['pilot'], v ? { labels: [], issueKeys: [] } : null)} />
      {pilot && (
        <>
          <MultiSelectControl path="scope.pilot.labels" label="Pilot labels" problems={problems} values={pilot.labels ?? []} known={[]} creatable placeholder="Type a label" onChange={(v) => set(['pilot', 'labels'], v)} />
          <TextControl path="scope.pilot.issueKeys" label="Pilot issue keys" help="Comma separated, like ACME-1, ACME-7" problems={problems} value={formatList(pilot.issueKeys)} onChange={(v) => set(['pilot', 'issueKeys'], parseList(v))} />
          <JqlControl path="scope.pilot.jql" label="Pilot JQL" help="Issues matching it are in the pilot too (besides the labels and keys above)" projectKey={projectKey} problems={problems} value={pilot.jql ?? ''} onChange={(v) => set(['pilot', 'jql'], v)} />
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
