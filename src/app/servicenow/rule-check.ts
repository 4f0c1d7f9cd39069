// Saving a rule on a ServiceNow connection: its per-state resolutions must name states that resolve or
// close a record of the connection's table, and codes the instance has — read from the instance at save
// time (the stored profile when the instance cannot be reached), so a code retired since Test
// connection is refused here, named, rather than by the instance's data policy at the first resolve.
import { CLOSING } from '../../adapters/servicenow/closing-fields';
import { columnOf } from '../../adapters/servicenow/record-columns';
import { parentColumnOf } from '../../adapters/servicenow/record-parent';
import { TIME_WORKED_COLUMN } from '../../adapters/servicenow/time-worked';
import { readInstanceProfile } from '../../adapters/servicenow/instance-profile';
import { ServiceNowClient } from '../../adapters/servicenow/servicenow-client';
import { forgeServiceNowHttp, type ServiceNowHttp } from '../../adapters/servicenow/servicenow-http';
import { choiceLabel, choiceValue, defaultChoicesFor, type Choice } from '../../adapters/servicenow/value-maps';
import type { FieldKey } from '../../core/replica/field-key';
import type { RuleProblem } from '../../core/rules/format-issues';
import { AppError } from '../app-error';
import { getServiceNowSettings, type ServiceNowSettings } from './settings';

type Resolutions = Readonly<Record<string, { code: string; notes?: string }>>;

const pathOf = (state: string, leaf?: string) => `outgoing.resolutions[${JSON.stringify(state)}]${leaf ? `.${leaf}` : ''}`;

/** The instance's codes for the table, read now; the stored ones when the read fails. */
async function currentCodes(settings: ServiceNowSettings, column: string, http?: ServiceNowHttp): Promise<{ codes: readonly Choice[]; live: boolean }> {
  try {
    const profile = await readInstanceProfile(new ServiceNowClient(http ?? forgeServiceNowHttp(settings.instanceUrl, settings.auth)), settings.table);
    return { codes: profile.choices[column] ?? [], live: true };
  } catch {
    return { codes: settings.profile?.choices[column] ?? [], live: false };
  }
}

/** Problems of the rule's resolutions against the instance (none when there is nothing to check). */
export async function resolutionProblems(settings: ServiceNowSettings, resolutions: Resolutions | undefined, http?: ServiceNowHttp): Promise<RuleProblem[]> {
  const entries = Object.entries(resolutions ?? {});
  if (entries.length === 0) return [];
  const spec = CLOSING[settings.table];
  if (!spec) return entries.map(([state]) => ({ path: pathOf(state), message: `records of ${settings.table} need no code to resolve or close: leave this out` }));
  const states = settings.profile?.choices.state ?? defaultChoicesFor(settings.table).state ?? [];
  const closing = spec.states.map((v) => choiceLabel(states, v) ?? v);
  const { codes, live } = await currentCodes(settings, spec.codeColumn, http);
  const problems: RuleProblem[] = [];
  for (const [state, entry] of entries) {
    const value = choiceValue(states, state);
    if (!value || !spec.states.includes(value)) {
      problems.push({ path: pathOf(state), message: `"${state}" is not a state that resolves or closes a ${settings.table} record (those are: ${closing.join(', ')})` });
      continue;
    }
    if (codes.length > 0 && !codes.some((c) => c.value === entry.code)) {
      const known = codes.map((c) => (c.label === c.value ? c.value : `${c.value} (${c.label})`)).join(', ');
      problems.push({ path: pathOf(state, 'code'), message: `"${entry.code}" is not one of the instance's ${spec.codeLabel} values${live ? '' : ' as read when the connection was last refreshed'}: ${known}` });
    } else if (!spec.notesFor(entry.code)) {
      problems.push({ path: pathOf(state, 'code'), message: `${spec.codeLabel} "${entry.code}" needs a field Liaison cannot fill (Duplicate of): pick another code` });
    }
  }
  return problems;
}

type RelationsSwitches = { relations?: { hierarchy?: unknown; links?: unknown } } | undefined;

/**
 * Hierarchy and links the table cannot keep: a record has no issue links, and only an incident has a
 * parent Liaison keeps (record-parent.ts). Refused at save rather than dropped unseen on each change.
 */
export function relationProblems(table: string, rule: unknown): RuleProblem[] {
  const sides = rule as { outgoing?: RelationsSwitches; incoming?: RelationsSwitches } | null;
  const problems: RuleProblem[] = [];
  for (const side of ['outgoing', 'incoming'] as const) {
    const relations = sides?.[side]?.relations;
    if (relations?.links === true) problems.push({ path: `${side}.relations.links`, message: `ServiceNow records have no issue links: leave links off on a ServiceNow connection` });
    if (relations?.hierarchy === true && !parentColumnOf(table)) problems.push({ path: `${side}.relations.hierarchy`, message: `records of ${table} keep no parent Liaison can mirror (only an incident's Parent Incident): leave hierarchy off` });
  }
  return problems;
}

type TimeSwitches = { fields?: Record<string, { direction?: unknown; partnerField?: unknown } | undefined>; incoming?: { worklogs?: { enabled?: unknown } } } | null;

/**
 * Time worked both ways at once: Jira's time spent written into the record's Time worked timer, and
 * that timer brought back as a Jira worklog, would feed each other (every write adding to the
 * other side's total). Refused at save, naming both settings; the peer also ignores the timer then.
 */
export function timeWorkedProblems(rule: unknown): RuleProblem[] {
  const r = rule as TimeSwitches;
  if (r?.incoming?.worklogs?.enabled !== true) return [];
  const writing = Object.entries(r.fields ?? {}).filter(([key, policy]) => {
    if (!policy || (policy.direction !== 'out' && policy.direction !== 'both')) return false;
    const partner = typeof policy.partnerField === 'string' ? policy.partnerField : key;
    return columnOf(partner as FieldKey) === TIME_WORKED_COLUMN;
  });
  return writing.map(([key, policy]) => ({
    path: `fields[${JSON.stringify(key)}].direction`,
    message: `fields["${key}"] with direction "${String(policy!.direction)}" writes the record's Time worked (${TIME_WORKED_COLUMN}), and incoming.worklogs.enabled brings that Time worked back as a Jira worklog: each would feed the other. Keep one: turn incoming.worklogs off, or stop sending ${key}`,
  }));
}

/** Called before a rule on connection `connectionId` is saved; refuses it with the problems found. */
export async function checkServiceNowRule(connectionId: string, rule: unknown, http?: ServiceNowHttp): Promise<void> {
  const settings = await getServiceNowSettings(connectionId);
  if (!settings) return;
  const problems = [...timeWorkedProblems(rule), ...relationProblems(settings.table, rule)];
  const resolutions = (rule as { outgoing?: { resolutions?: unknown } } | null)?.outgoing?.resolutions;
  // Absent, or left to the schema to refuse.
  if (resolutions && typeof resolutions === 'object') {
    const valid = Object.fromEntries(Object.entries(resolutions as Record<string, unknown>).filter((e): e is [string, { code: string }] => typeof (e[1] as { code?: unknown } | null)?.code === 'string'));
    problems.push(...(await resolutionProblems(settings, valid, http)));
  }
  if (problems.length > 0) throw new AppError('invalid-rule', `The rule does not fit the ServiceNow instance: ${problems.map((p) => p.message).join('; ')}`, problems);
}
