// Time tracking on the emulated site: durations as Jira reads them ("1w 2d 3h 30m", with Jira
// Cloud's default 8-hour day and 5-day week), the worklog view of the spec's Worklog schema, the
// `timetracking` field, and how a worklog write moves the remaining estimate (`adjustEstimate`).
import type { SiteContext } from './context';
import { jiraTimestamp } from './time';
import type { ChangeItem, IssueRecord, ProjectRecord, TimeTrackingRecord, WorklogRecord } from './types';
import { userRef } from './views';

const UNIT_SECONDS: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };

/** "2h 30m" → 9000; a bare number is minutes (the spec: "#m or #"). Null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t) * 60;
  const parts = t.split(/\s+/);
  let total = 0;
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?)([wdhm])$/.exec(p);
    if (!m) return null;
    total += Math.round(Number(m[1]) * UNIT_SECONDS[m[2]!]!);
  }
  return parts.length > 0 ? total : null;
}

/** 9000 → "2h 30m", as Jira writes durations back. */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return '0m';
  const out: string[] = [];
  let rest = Math.floor(seconds / 60) * 60;
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    const n = Math.floor(rest / size);
    if (n > 0) out.push(`${n}${unit}`);
    rest -= n * size;
  }
  return out.join(' ') || '0m';
}

export function worklogView(site: SiteContext, w: WorklogRecord, opts: { properties?: boolean } = {}): Record<string, unknown> {
  return {
    self: `${site.siteUrl}/rest/api/3/issue/${w.issueId}/worklog/${w.id}`,
    author: userRef(site, w.authorId),
    updateAuthor: userRef(site, w.updateAuthorId),
    ...(w.comment ? { comment: w.comment } : {}),
    created: jiraTimestamp(w.created),
    updated: jiraTimestamp(w.updated),
    started: jiraTimestamp(w.started),
    timeSpent: formatDuration(w.timeSpentSeconds),
    timeSpentSeconds: w.timeSpentSeconds,
    id: w.id,
    issueId: w.issueId,
    ...(w.visibility ? { visibility: { type: w.visibility.type, value: w.visibility.value, identifier: w.visibility.value } } : {}),
    ...(opts.properties ? { properties: site.store.properties('worklog', w.id) } : {}),
  };
}

/** The issue field `worklog`: Jira embeds the first 20 worklogs and says how many there are. */
export const INLINE_WORKLOGS = 20;

export function worklogField(site: SiteContext, issueId: string, visible: (w: WorklogRecord) => boolean): Record<string, unknown> {
  const all = site.store.worklogs(issueId).filter(visible);
  return { startAt: 0, maxResults: INLINE_WORKLOGS, total: all.length, worklogs: all.slice(0, INLINE_WORKLOGS).map((w) => worklogView(site, w)) };
}

export function timeSpent(site: SiteContext, issueId: string): number | null {
  const all = site.store.worklogs(issueId);
  return all.length === 0 ? null : all.reduce((sum, w) => sum + w.timeSpentSeconds, 0);
}

/** The `timetracking` field (TimeTrackingDetails): only what is set appears. */
export function timeTrackingField(site: SiteContext, issueId: string): Record<string, unknown> {
  const t = site.store.timeTracking(issueId);
  const spent = timeSpent(site, issueId);
  return {
    ...(t.originalEstimate !== null ? { originalEstimate: formatDuration(t.originalEstimate), originalEstimateSeconds: t.originalEstimate } : {}),
    ...(t.remainingEstimate !== null ? { remainingEstimate: formatDuration(t.remainingEstimate), remainingEstimateSeconds: t.remainingEstimate } : {}),
    ...(spent !== null ? { timeSpent: formatDuration(spent), timeSpentSeconds: spent } : {}),
  };
}

export type Adjust = { mode: 'auto' | 'leave' | 'new' | 'manual'; newEstimate?: number; by?: number };

/**
 * The remaining estimate after logging `delta` seconds of work (negative: work removed). `auto`
 * moves it by the work, never below zero, and leaves an unset estimate unset; `new` sets it;
 * `manual` moves it by `by` (reduceBy on add, increaseBy on delete); `leave` does nothing.
 */
export function adjustRemaining(t: TimeTrackingRecord, delta: number, adjust: Adjust): TimeTrackingRecord {
  switch (adjust.mode) {
    case 'leave':
      return t;
    case 'new':
      return { ...t, remainingEstimate: adjust.newEstimate ?? t.remainingEstimate };
    case 'manual':
      return t.remainingEstimate === null ? t : { ...t, remainingEstimate: Math.max(0, t.remainingEstimate - (adjust.by ?? 0) * Math.sign(delta || 1)) };
    case 'auto':
      return t.remainingEstimate === null ? t : { ...t, remainingEstimate: Math.max(0, t.remainingEstimate - delta) };
  }
}

/** The issue's estimates (none set: both null). */
export const timeTrackingOf = (issue: IssueRecord): TimeTrackingRecord => issue.timeTracking ?? { originalEstimate: null, remainingEstimate: null };

/**
 * The `timetracking` field on create and edit: `{ originalEstimate, remainingEstimate }` as Jira
 * durations ("4h", "1d 2h"); a key left out keeps its value, null or "" clears it. (Whether Jira
 * also sets the remaining estimate when only the original is given depends on the site's
 * time-tracking settings; the docs leave it open, so nothing is implied here.)
 */
export function setTimeTracking(_site: SiteContext, _project: ProjectRecord, draft: IssueRecord, value: unknown): string | undefined {
  if (value === null) {
    draft.timeTracking = { originalEstimate: null, remainingEstimate: null };
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return 'Operation value must be an object';
  const input = value as Record<string, unknown>;
  const next = { ...timeTrackingOf(draft) };
  for (const [key, field] of [['originalEstimate', 'originalEstimate'], ['remainingEstimate', 'remainingEstimate']] as const) {
    if (!(key in input)) continue;
    const raw = input[key];
    if (raw === null || raw === '') {
      next[field] = null;
      continue;
    }
    const seconds = typeof raw === 'string' ? parseDuration(raw) : null;
    if (seconds === null) return `The ${key === 'originalEstimate' ? 'original' : 'remaining'} estimate specified is not valid.`;
    next[field] = seconds;
  }
  draft.timeTracking = next;
  return undefined;
}

/** Changelog items for estimate changes (Jira records them as timeoriginalestimate and timeestimate, in seconds). */
export function timeTrackingItems(before: IssueRecord, after: IssueRecord): ChangeItem[] {
  const a = timeTrackingOf(before);
  const b = timeTrackingOf(after);
  const items: ChangeItem[] = [];
  const text = (v: number | null) => (v === null ? null : String(v));
  if (a.originalEstimate !== b.originalEstimate) items.push({ field: 'timeoriginalestimate', fieldtype: 'jira', fieldId: 'timeoriginalestimate', from: text(a.originalEstimate), fromString: text(a.originalEstimate), to: text(b.originalEstimate), toString: text(b.originalEstimate) });
  if (a.remainingEstimate !== b.remainingEstimate) items.push({ field: 'timeestimate', fieldtype: 'jira', fieldId: 'timeestimate', from: text(a.remainingEstimate), fromString: text(a.remainingEstimate), to: text(b.remainingEstimate), toString: text(b.remainingEstimate) });
  return items;
}
