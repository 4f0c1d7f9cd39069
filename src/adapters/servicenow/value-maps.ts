// ServiceNow's out-of-the-box choice values (incident's state; task's priority, impact and urgency)
// and the preconfigured maps between them and Jira's default statuses and priorities. Snapshots
// carry ServiceNow's labels ("In Progress", "2 - High"), the way an agent there reads them; writes
// turn a label back into the stored value. An instance with its own choices passes them in (read
// from sys_choice) instead of these defaults.
export type Choice = { value: string; label: string };
export type ChoiceLists = Partial<Record<string, readonly Choice[]>>;

export const INCIDENT_STATES: readonly Choice[] = [
  { value: '1', label: 'New' },
  { value: '2', label: 'In Progress' },
  { value: '3', label: 'On Hold' },
  { value: '6', label: 'Resolved' },
  { value: '7', label: 'Closed' },
  { value: '8', label: 'Canceled' },
];

export const PRIORITIES: readonly Choice[] = [
  { value: '1', label: '1 - Critical' },
  { value: '2', label: '2 - High' },
  { value: '3', label: '3 - Moderate' },
  { value: '4', label: '4 - Low' },
  { value: '5', label: '5 - Planning' },
];

/** Impact and urgency share one scale. */
export const IMPACT_URGENCY: readonly Choice[] = [
  { value: '1', label: '1 - High' },
  { value: '2', label: '2 - Medium' },
  { value: '3', label: '3 - Low' },
];

export const DEFAULT_CHOICES: ChoiceLists = { state: INCIDENT_STATES, priority: PRIORITIES, impact: IMPACT_URGENCY, urgency: IMPACT_URGENCY };

const states = (pairs: Array<[string, string]>): readonly Choice[] => pairs.map(([value, label]) => ({ value, label }));

/**
 * The out-of-the-box `state` choices of the tables Liaison names (ServiceNow docs: Change
 * Management state model; Problem state management since Madrid; task states on requested items).
 * Any other table, or an instance with its own choices, passes its sys_choice list in instead.
 */
export const TABLE_STATES: Readonly<Record<string, readonly Choice[]>> = {
  incident: INCIDENT_STATES,
  change_request: states([['-5', 'New'], ['-4', 'Assess'], ['-3', 'Authorize'], ['-2', 'Scheduled'], ['-1', 'Implement'], ['0', 'Review'], ['3', 'Closed'], ['4', 'Canceled']]),
  problem: states([['101', 'New'], ['102', 'Assess'], ['103', 'Root Cause Analysis'], ['104', 'Fix in Progress'], ['106', 'Resolved'], ['107', 'Closed']]),
  sc_req_item: states([['-5', 'Pending'], ['1', 'Open'], ['2', 'Work in Progress'], ['3', 'Closed Complete'], ['4', 'Closed Incomplete'], ['7', 'Closed Skipped']]),
};

/** The default choice lists of `table`: its own states where known, task's priority, impact and urgency. */
export function defaultChoicesFor(table: string): ChoiceLists {
  return { ...DEFAULT_CHOICES, state: TABLE_STATES[table] ?? INCIDENT_STATES };
}

/** The label of a stored value, or undefined when the list does not know it. */
export const choiceLabel = (choices: readonly Choice[], value: string): string | undefined => choices.find((c) => c.value === value)?.label;

/** The stored value for a label (any letter case) or for a value given as is. */
export function choiceValue(choices: readonly Choice[], labelOrValue: string): string | undefined {
  const wanted = labelOrValue.trim().toLowerCase();
  return (choices.find((c) => c.label.toLowerCase() === wanted) ?? choices.find((c) => c.value === labelOrValue.trim()))?.value;
}

/** ServiceNow state label → Jira status, and back (Jira's default workflow: To Do, In Progress, Done), per table. */
const STATUS_MAPS: Readonly<Record<string, { toJira: Record<string, string>; fromJira: Record<string, string> }>> = {
  incident: {
    toJira: { New: 'To Do', 'In Progress': 'In Progress', 'On Hold': 'In Progress', Resolved: 'Done', Closed: 'Done', Canceled: 'Done' },
    fromJira: { 'To Do': 'New', 'In Progress': 'In Progress', Done: 'Resolved' },
  },
  // ServiceNow's change state model may refuse a jump (New straight to Implement) on a real
  // instance; such a refusal is reported per value like any other, and the admin edits the map.
  change_request: {
    toJira: { New: 'To Do', Assess: 'To Do', Authorize: 'To Do', Scheduled: 'To Do', Implement: 'In Progress', Review: 'In Progress', Closed: 'Done', Canceled: 'Done' },
    fromJira: { 'To Do': 'New', 'In Progress': 'Implement', Done: 'Closed' },
  },
  problem: {
    toJira: { New: 'To Do', Assess: 'To Do', 'Root Cause Analysis': 'In Progress', 'Fix in Progress': 'In Progress', Resolved: 'Done', Closed: 'Done' },
    fromJira: { 'To Do': 'New', 'In Progress': 'Root Cause Analysis', Done: 'Resolved' },
  },
  sc_req_item: {
    toJira: { Pending: 'To Do', Open: 'To Do', 'Work in Progress': 'In Progress', 'Closed Complete': 'Done', 'Closed Incomplete': 'Done', 'Closed Skipped': 'Done' },
    fromJira: { 'To Do': 'Open', 'In Progress': 'Work in Progress', Done: 'Closed Complete' },
  },
};

export const DEFAULT_STATUS_TO_JIRA: Readonly<Record<string, string>> = STATUS_MAPS.incident!.toJira;
export const DEFAULT_STATUS_FROM_JIRA: Readonly<Record<string, string>> = STATUS_MAPS.incident!.fromJira;

/** ServiceNow priority label → Jira priority (Highest … Lowest), and back. */
export const DEFAULT_PRIORITY_TO_JIRA: Readonly<Record<string, string>> = {
  '1 - Critical': 'Highest', '2 - High': 'High', '3 - Moderate': 'Medium', '4 - Low': 'Low', '5 - Planning': 'Lowest',
};
export const DEFAULT_PRIORITY_FROM_JIRA: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(DEFAULT_PRIORITY_TO_JIRA).map(([sn, jira]) => [jira, sn]));

/**
 * The preconfigured maps in the shape of a rule's value maps (partner value → local value), for
 * each direction: `toJira` for the Jira side's incoming rule, `toServiceNow` for writes into
 * ServiceNow, for `table`. Fresh objects each time, so an admin's edits never change the defaults.
 */
export function defaultValueMaps(table = 'incident'): { toJira: { status: Record<string, string>; priority: Record<string, string> }; toServiceNow: { status: Record<string, string>; priority: Record<string, string> } } {
  // A table without known states gets none: its sys_choice labels are the admin's to map.
  const status = STATUS_MAPS[table] ?? { toJira: {}, fromJira: {} };
  return {
    toJira: { status: { ...status.toJira }, priority: { ...DEFAULT_PRIORITY_TO_JIRA } },
    toServiceNow: { status: { ...status.fromJira }, priority: { ...DEFAULT_PRIORITY_FROM_JIRA } },
  };
}

// ServiceNow's default Priority Data Lookup (dl_u_priority): rows impact 1..3, columns urgency 1..3.
const PRIORITY_LOOKUP = [
  ['1', '2', '3'],
  ['2', '3', '4'],
  ['3', '4', '5'],
] as const;

const scale = (v: string, what: string): 0 | 1 | 2 => {
  if (v !== '1' && v !== '2' && v !== '3') throw new RangeError(`${what} must be 1, 2 or 3 (High, Medium, Low), got ${JSON.stringify(v)}`);
  return (Number(v) - 1) as 0 | 1 | 2;
};

/** The priority ServiceNow computes from impact × urgency, as stored values ('1'…'5'). */
export function priorityFromImpactUrgency(impact: string, urgency: string): string {
  return PRIORITY_LOOKUP[scale(impact, 'impact')][scale(urgency, 'urgency')];
}

/** One row of an instance's Priority Lookup Rules (dl_u_priority), as stored values. */
export type PriorityRule = { impact: string; urgency: string; priority: string };

/**
 * Impact and urgency that make ServiceNow compute `priority`. On incident, priority is derived (the
 * data lookup overwrites a written priority), so a priority from Jira is written as this pair. With
 * the instance's own rules (read when the admin saved the connection), the pair comes from them: of
 * the rows giving that priority, the one with impact and urgency closest together, then the lower
 * impact — which on the default table picks the same pairs as below.
 */
export function impactUrgencyFor(priority: string, lookup?: readonly PriorityRule[]): { impact: string; urgency: string } {
  if (lookup && lookup.length > 0) {
    const rows = lookup.filter((r) => r.priority === priority);
    const spread = (r: PriorityRule) => Math.abs(Number(r.impact) - Number(r.urgency));
    const best = [...rows].sort((a, b) => spread(a) - spread(b) || Number(a.impact) - Number(b.impact))[0];
    if (!best) throw new RangeError(`no impact × urgency in the instance's priority lookup rules gives priority ${JSON.stringify(priority)}`);
    return { impact: best.impact, urgency: best.urgency };
  }
  switch (priority) {
    case '1': return { impact: '1', urgency: '1' };
    case '2': return { impact: '1', urgency: '2' };
    case '3': return { impact: '2', urgency: '2' };
    case '4': return { impact: '2', urgency: '3' };
    case '5': return { impact: '3', urgency: '3' };
    default: throw new RangeError(`priority must be 1 to 5 (Critical to Planning), got ${JSON.stringify(priority)}`);
  }
}
