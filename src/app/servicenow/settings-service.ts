// The ServiceNow settings of a connected instance on the admin page: what Liaison knows of the instance
// (state and code lists, whether its own priority lookup is used), "Refresh instance settings" that
// reads them again without connecting anew, and the rule's code and notes per resolving state.
import { CLOSING } from '../../adapters/servicenow/closing-fields';
import { readInstanceProfile } from '../../adapters/servicenow/instance-profile';
import { ServiceNowClient } from '../../adapters/servicenow/servicenow-client';
import { forgeServiceNowHttp, type ServiceNowHttp } from '../../adapters/servicenow/servicenow-http';
import { choiceLabel, defaultChoicesFor, type Choice } from '../../adapters/servicenow/value-maps';
import type { RuleProblem } from '../../core/rules/format-issues';
import { AppError, notFound } from '../app-error';
import { save as saveRule } from '../rules-service';
import type { AppDeps } from '../sync-deps';
import { resolutionProblems } from './rule-check';
import { getServiceNowSettings, putServiceNowSettings, type ServiceNowSettings } from './settings';

type Resolutions = Record<string, { code: string; notes?: string }>;

export type ServiceNowSettingsView = {
  connectionId: string;
  instanceUrl: string;
  table: string;
  /** The table's states that need a code and notes, as the instance labels them. */
  closingStates: Choice[];
  /** The instance's codes for them (incident: Resolution code), as last read. */
  codes: Choice[];
  codeLabel: string | null;
  /** The connection-wide default a state without its own entry takes. */
  defaultResolution: { code?: string; notes?: string } | null;
  priorityLookup: 'instance' | 'default';
  /** Per rule on the connection: its entries, and what no longer fits the instance. */
  rules: Array<{ projectKey: string; resolutions: Resolutions; problems: RuleProblem[] }>;
};

async function connectedSettings(deps: AppDeps, connectionId: string): Promise<ServiceNowSettings> {
  const connection = await deps.config.getConnection(connectionId);
  if (!connection) throw notFound(`connection ${connectionId} does not exist`);
  if (connection.partnerKind !== 'servicenow') throw new AppError('invalid-payload', `connection ${connectionId} is not a ServiceNow connection`);
  const settings = await getServiceNowSettings(connectionId);
  if (!settings) throw notFound(`connection ${connectionId} has no stored ServiceNow settings: connect the instance again`);
  return settings;
}

async function view(deps: AppDeps, connectionId: string, settings: ServiceNowSettings, http?: ServiceNowHttp): Promise<ServiceNowSettingsView> {
  const spec = CLOSING[settings.table];
  const states = settings.profile?.choices.state ?? defaultChoicesFor(settings.table).state ?? [];
  const rules = await deps.config.currentRules(connectionId);
  return {
    connectionId,
    instanceUrl: settings.instanceUrl,
    table: settings.table,
    closingStates: (spec?.states ?? []).map((value) => ({ value, label: choiceLabel(states, value) ?? value })),
    codes: spec ? [...(settings.profile?.choices[spec.codeColumn] ?? [])] : [],
    codeLabel: spec?.codeLabel ?? null,
    defaultResolution: settings.resolution ?? null,
    priorityLookup: settings.profile?.priorityLookup ? 'instance' : 'default',
    rules: await Promise.all(rules.map(async (r) => {
      const resolutions = { ...r.outgoing.resolutions };
      return { projectKey: r.projectKey, resolutions, problems: http === undefined ? [] : await resolutionProblems(settings, resolutions, http) };
    })),
  };
}

export async function serviceNowSettingsView(deps: AppDeps, connectionId: string): Promise<ServiceNowSettingsView> {
  return view(deps, connectionId, await connectedSettings(deps, connectionId));
}

/**
 * "Refresh instance settings": choices, codes and the priority lookup read again and stored with the
 * connection (its routes rebuilt, so the next sync uses them); each rule's entries checked against
 * the codes just read. Credentials and the notice secret stay as they are.
 */
export async function refreshServiceNowProfile(deps: AppDeps, actor: string, connectionId: string, http?: ServiceNowHttp): Promise<ServiceNowSettingsView> {
  const settings = await connectedSettings(deps, connectionId);
  const h = http ?? forgeServiceNowHttp(settings.instanceUrl, settings.auth);
  let profile;
  try {
    profile = await readInstanceProfile(new ServiceNowClient(h), settings.table);
  } catch (e) {
    throw new AppError('partner-error', `the instance's settings could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const choices = Object.fromEntries(Object.entries(profile.choices).map(([column, list]) => [column, [...(list ?? [])]]));
  const { profile: _old, ...rest } = settings;
  const next: ServiceNowSettings = { ...rest, profile: { choices, ...(profile.priorityLookup ? { priorityLookup: profile.priorityLookup } : {}) } };
  await putServiceNowSettings(connectionId, next);
  const connection = await deps.config.getConnection(connectionId);
  if (connection) await deps.config.putConnection(connection);
  const refreshed = await view(deps, connectionId, next, h);
  const stale = refreshed.rules.reduce((n, r) => n + r.problems.length, 0);
  await deps.store.appendAudit({ id: deps.ids.newId(), at: deps.clock.now(), connectionId, actor, action: 'connection-changed', subject: settings.instanceUrl, detail: `instance settings refreshed: ${Object.keys(choices).length} choice lists, ${refreshed.codes.length} codes, priority lookup ${refreshed.priorityLookup === 'instance' ? "the instance's own" : 'not readable (the default table applies)'}${stale ? `; ${stale} rule entries no longer fit` : ''}` });
  return refreshed;
}

/** The rule's code and notes per resolving state, saved as a new version of the rule (checked like any save). */
export async function saveServiceNowResolutions(deps: AppDeps, actor: string, input: { connectionId: string; projectKey: string; resolutions: Resolutions }): Promise<ServiceNowSettingsView> {
  const settings = await connectedSettings(deps, input.connectionId);
  const rule = (await deps.config.currentRules(input.connectionId)).find((r) => r.projectKey === input.projectKey);
  if (!rule) throw notFound(`connection ${input.connectionId} has no rule for ${input.projectKey}`);
  const resolutions = Object.keys(input.resolutions).length > 0 ? input.resolutions : undefined;
  const { resolutions: _old, ...outgoing } = rule.outgoing;
  await saveRule(deps, actor, { ...rule, outgoing: { ...outgoing, ...(resolutions ? { resolutions } : {}) } }, 'ServiceNow resolution codes changed');
  return view(deps, input.connectionId, settings);
}
