// A connected instance's ServiceNow settings without React: the view the backend answers, read
// tolerantly, and the per-state code and notes the admin edits, turned into the resolver's payload.
export type Choice = { value: string; label: string };
export type RuleResolutions = { projectKey: string; resolutions: Record<string, { code: string; notes?: string }>; problems: Array<{ path: string; message: string }> };
export type ServiceNowSettingsView = {
  connectionId: string; instanceUrl: string; table: string;
  closingStates: Choice[]; codes: Choice[]; codeLabel: string | null;
  defaultResolution: { code?: string; notes?: string } | null;
  priorityLookup: 'instance' | 'default';
  rules: RuleResolutions[];
};

const isChoice = (c: unknown): c is Choice => typeof (c as Choice)?.value === 'string' && typeof (c as Choice)?.label === 'string';
const choices = (v: unknown): Choice[] => (Array.isArray(v) ? v.filter(isChoice) : []);

export function settingsFrom(data: unknown): ServiceNowSettingsView | null {
  const d = data as Partial<ServiceNowSettingsView> | null;
  if (!d || typeof d.connectionId !== 'string' || typeof d.table !== 'string') return null;
  const rules = Array.isArray(d.rules) ? d.rules.filter((r): r is RuleResolutions => typeof r?.projectKey === 'string' && typeof r.resolutions === 'object' && r.resolutions !== null) : [];
  return {
    connectionId: d.connectionId, instanceUrl: typeof d.instanceUrl === 'string' ? d.instanceUrl : '', table: d.table,
    closingStates: choices(d.closingStates), codes: choices(d.codes), codeLabel: typeof d.codeLabel === 'string' ? d.codeLabel : null,
    defaultResolution: d.defaultResolution ?? null, priorityLookup: d.priorityLookup === 'instance' ? 'instance' : 'default',
    rules: rules.map((r) => ({ ...r, problems: Array.isArray(r.problems) ? r.problems : [] })),
  };
}

/** One editable row per closing state: the rule's entry (by label or value), else empty (the connection default applies). */
export type StateDraft = { state: Choice; code: string; notes: string };

export function draftsFor(view: ServiceNowSettingsView, rule: RuleResolutions | undefined): StateDraft[] {
  return view.closingStates.map((state) => {
    const entry = rule?.resolutions[state.label] ?? rule?.resolutions[state.value];
    return { state, code: entry?.code ?? '', notes: entry?.notes ?? '' };
  });
}

/** The payload's resolutions: rows with a code, keyed by the state's label (as rules name states). */
export function resolutionsFrom(drafts: readonly StateDraft[]): Record<string, { code: string; notes?: string }> {
  const out: Record<string, { code: string; notes?: string }> = {};
  for (const d of drafts) {
    if (!d.code.trim()) continue;
    out[d.state.label] = { code: d.code.trim(), ...(d.notes.trim() ? { notes: d.notes.trim() } : {}) };
  }
  return out;
}

/**
 * Whether Liaison writes priorities through the instance's own lookup rules. Reading them needs a read
 * ACL an admin adds (install guide, step 4, optional): without it ServiceNow answers with no rows, so
 * the text says what that means and how to change it rather than only that a read failed.
 */
export const lookupText = (v: ServiceNowSettingsView): string =>
  v.priorityLookup === 'instance'
    ? 'Priorities are written through the instance’s own priority lookup rules.'
    : 'Liaison cannot read this instance’s priority lookup rules (dl_u_priority), so it sets impact and urgency by ServiceNow’s default table and reports any priority the instance computes differently. If your rules differ from the defaults, give the integration user read access to dl_u_priority (install guide, step 4), then refresh the instance settings.';
