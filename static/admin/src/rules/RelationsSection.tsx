// Hierarchy and issue links: what leaves (each issue's parent, links between mirrored issues) and
// what the partner may do here (set parents, make and remove links), with the partner's link types
// (typed: partners do not share theirs) mapped to this site's own (read from Jira) by name. A type
// missing from the map is refused and reported, never guessed.
import Heading from '@atlaskit/heading';
import { getIn, setIn, type RuleDraft } from '../logic/rule-draft';
import type { PickerData } from '../logic/rule-picker-data';
import type { RuleWords } from '../logic/rule-wording';
import type { Problem } from '../logic/validation-errors';
import { CheckControl } from './controls';
import { MapTable } from './MapTable';
import { PickOne } from './pickers';

type Props = {
  rule: RuleDraft;
  problems: readonly Problem[];
  onChange: (r: RuleDraft) => void;
  onLocalProblem: (path: string, messages: string[]) => void;
  words: RuleWords;
  data: PickerData;
  /** A ServiceNow partner's table: records keep no issue links, and only an incident keeps a parent. */
  partner: { serviceNowTable?: string };
};

export function RelationsSection({ rule, problems, onChange, onLocalProblem, data, partner }: Props) {
  // What a ServiceNow connection's save would refuse is not offered (src/app/servicenow/rule-check.ts);
  // a switch already on stays shown, so the admin can turn it off.
  const table = partner.serviceNowTable;
  const offered = (path: string[], kind: 'links' | 'hierarchy') =>
    table === undefined || getIn(rule, path) === true || (kind === 'hierarchy' && table === 'incident');
  // This site's link types, read from Jira; typed (and checked at save) when Jira could not say.
  const ours = data.local.linkTypes ?? [];
  const bool = (path: string[]) => getIn(rule, path) === true;
  const set = (path: string[], v: unknown) => onChange(setIn(rule, path, v));
  const check = (path: string[], label: string, help: string) => (
    <CheckControl path={path.join('.')} label={label} help={help} problems={problems} checked={bool(path)} onChange={(v) => set(path, v)} />
  );
  return (
    <section className="lz-card lz-span-all" aria-labelledby="relations-h">
      <Heading as="h3" size="small" id="relations-h">Hierarchy and links</Heading>
      {table !== undefined && (
        <p className="lz-muted">
          {table === 'incident' ? 'An issue’s parent travels as the incident’s Parent Incident. ServiceNow records keep no issue links.' : `Records of ${table} keep no parent or issue links Liaison can mirror.`}
        </p>
      )}
      {offered(['outgoing', 'relations', 'hierarchy'], 'hierarchy') && check(['outgoing', 'relations', 'hierarchy'], 'Send each issue’s parent', 'Epic → child and issue → sub-task, when the parent is shared too; a sub-task waits for its parent')}
      {check(['outgoing', 'relations', 'bringParent'], 'Sharing a child shares its parent first', 'As Start syncing would: past a manual start, never past the scope')}
      {check(['outgoing', 'relations', 'bringChildren'], 'Sharing a parent shares its children', 'Each child the scope takes in, at most 50 per parent, once the parent is shared')}
      {offered(['outgoing', 'relations', 'links'], 'links') && check(['outgoing', 'relations', 'links'], 'Send links between shared issues', 'A link to an issue that is not shared stays here until that issue is')}
      {table === undefined && (<CheckControl
        path="outgoing.relations.outsideLinks"
        label="Show links to issues that are not shared as a note"
        help={`${data.partnerName} sees "Related outside: is blocked by ACME-12" on its panel: the key and the link's words only`}
        problems={problems}
        checked={getIn(rule, ['outgoing', 'relations', 'outsideLinks']) === 'note'}
        onChange={(v) => set(['outgoing', 'relations', 'outsideLinks'], v ? 'note' : 'stay-home')}
      />)}
      {offered(['incoming', 'relations', 'hierarchy'], 'hierarchy') && check(['incoming', 'relations', 'hierarchy'], `Let ${data.partnerName} set parents here`, 'Only to another issue shared on this connection')}
      {offered(['incoming', 'relations', 'links'], 'links') && check(['incoming', 'relations', 'links'], `Let ${data.partnerName} make and remove links here`, 'Only between issues shared on this connection, with the types mapped below')}
      {table === undefined && (<MapTable
        path="incoming.relations.linkTypes"
        label="Link type map"
        headers={{ from: `${data.partnerName}'s link type`, to: 'Our link type' }}
        map={getIn(rule, ['incoming', 'relations', 'linkTypes']) as Record<string, string> | undefined}
        problems={problems}
        help={`A link of a type missing here is refused and reported. ${data.partnerName === 'Partner' ? 'The partner' : data.partnerName} does not share its link types: type them as it names them.${data.local.linkTypes ? '' : ' Ours could not be read from Jira: type them too; the save checks them.'}`}
        addLabel="Add a link type mapping"
        renderFrom={(c) => <PickOne {...c} known={[]} creatable />}
        renderTo={(c) => <PickOne {...c} known={ours} creatable={ours.length === 0} />}
        onChange={(map) => set(['incoming', 'relations', 'linkTypes'], map)}
        onLocalProblem={onLocalProblem}
      />)}
    </section>
  );
}
