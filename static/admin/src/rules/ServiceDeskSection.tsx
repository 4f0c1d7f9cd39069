// Jira Service Management: what leaves (request type, participants, SLAs) and what the partner may
// set here (request type mapped by name, participants through the user mapping). Comments' customer
// vs internal split is the comments setting; SLAs are shown on the partner's panel, never written.
import Heading from '@atlaskit/heading';
import { getIn, setIn, type RuleDraft } from '../logic/rule-draft';
import type { PickerData } from '../logic/rule-picker-data';
import type { RuleWords } from '../logic/rule-wording';
import type { Problem } from '../logic/validation-errors';
import { CheckControl } from './controls';
import { MapTable } from './MapTable';
import { PickOne } from './pickers';

type Props = { rule: RuleDraft; problems: readonly Problem[]; onChange: (r: RuleDraft) => void; onLocalProblem: (path: string, messages: string[]) => void; words: RuleWords; data: PickerData };

export function ServiceDeskSection({ rule, problems, onChange, onLocalProblem, data }: Props) {
  // Ours from Jira (absent: no service desk here, or Jira could not say); the partner's where its profile shares them.
  const ours = data.local.requestTypes ?? [];
  const theirs = data.partner?.requestTypes ?? [];
  const partner = data.partnerName === 'Partner' ? 'The partner' : data.partnerName;
  const typed = [
    ...(theirs.length === 0 ? [`${partner} has not shared its request types: type them as it names them.`] : []),
    ...(ours.length === 0 ? ['This project’s request types could not be listed (is it a service desk?): type them; the save checks them.'] : []),
  ];
  const bool = (path: string[]) => getIn(rule, path) === true;
  const set = (path: string[], v: unknown) => onChange(setIn(rule, path, v));
  const check = (path: string[], label: string, help: string) => (
    <CheckControl path={path.join('.')} label={label} help={help} problems={problems} checked={bool(path)} onChange={(v) => set(path, v)} />
  );
  return (
    <section className="lz-card lz-span-all" aria-labelledby="service-desk-h">
      <Heading as="h3" size="small" id="service-desk-h">Service desk</Heading>
      {check(['outgoing', 'serviceDesk', 'requestType'], 'Send the request type', 'By name; the partner maps it to one of its own')}
      {check(['outgoing', 'serviceDesk', 'participants'], 'Send request participants', 'Names only, unless people’s emails are shared')}
      {check(['outgoing', 'serviceDesk', 'sla'], 'Show our SLAs to the partner', 'Name, goal and time left, on the partner’s issue panel; never written into its issues')}
      {check(['incoming', 'serviceDesk', 'requestType'], `Let ${data.partnerName} set the request type here`, 'Through the map below, else by the same name; a name we lack is reported')}
      {check(['incoming', 'serviceDesk', 'participants'], `Let ${data.partnerName} add and remove participants here`, 'Matched through the user mapping; someone without a shared email is reported, never guessed')}
      <MapTable
        path="incoming.serviceDesk.requestTypes"
        label="Request type map"
        headers={{ from: `${data.partnerName}'s request type`, to: 'Our request type' }}
        map={getIn(rule, ['incoming', 'serviceDesk', 'requestTypes']) as Record<string, string> | undefined}
        problems={problems}
        help={['A request type missing here is taken by its own name.', ...typed].join(' ')}
        addLabel="Add a request type mapping"
        renderFrom={(c) => <PickOne {...c} known={theirs} creatable={theirs.length === 0} />}
        renderTo={(c) => <PickOne {...c} known={ours} creatable={ours.length === 0} />}
        onChange={(map) => set(['incoming', 'serviceDesk', 'requestTypes'], map)}
        onLocalProblem={onLocalProblem}
      />
    </section>
  );
}
