// SLAs on the site's clock, shaped as JSM's SlaInformation: one ongoing cycle until the SLA's stop
// condition is met, then one completed cycle. Calendars (working hours) and pause conditions are not
// modelled: every SLA runs around the clock (`withinCalendarHours: false`), which JSM also allows.
import type { SiteContext } from '../context';
import { isInternal } from '../record-views';
import type { IssueRecord } from '../types';
import type { SlaSeed } from './model';

/** JSM's DateDTO. */
export function dateDto(ms: number): Record<string, unknown> {
  const iso = new Date(ms).toISOString().replace('Z', '+0000');
  return { iso8601: iso, jira: iso, friendly: iso.slice(0, 16).replace('T', ' '), epochMillis: ms };
}

function friendlyDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${sign}${h}h ${m}m`;
}

/** JSM's DurationDTO. */
export const durationDto = (ms: number): Record<string, unknown> => ({ millis: ms, friendly: friendlyDuration(ms) });

/** When the SLA's clock stopped for this issue, or null while it runs. */
function stopTime(site: SiteContext, issue: IssueRecord, sla: SlaSeed): number | null {
  if (sla.stopsOn === 'resolution') {
    const status = site.catalog.status(issue.statusId);
    return status?.category === 'done' ? issue.statusCategoryChanged : null;
  }
  const reply = site.store
    .comments(issue.id)
    .find((c) => c.authorId !== issue.reporterId && !isInternal(site, c.id) && !c.visibility);
  return reply ? reply.created : null;
}

export function slaInformation(site: SiteContext, issue: IssueRecord, sla: SlaSeed): Record<string, unknown> {
  const start = issue.created;
  const goal = sla.goalMinutes * 60_000;
  const breachAt = start + goal;
  const stop = stopTime(site, issue, sla);
  const base = { id: sla.id, name: sla.name, _links: { self: `${site.siteUrl}/rest/servicedeskapi/request/${issue.id}/sla/${sla.id}` }, slaDisplayFormat: 'NEW_SLA_FORMAT' };
  if (stop !== null) {
    const elapsed = stop - start;
    return {
      ...base,
      completedCycles: [
        { startTime: dateDto(start), stopTime: dateDto(stop), breachTime: dateDto(breachAt), breached: stop > breachAt, goalDuration: durationDto(goal), elapsedTime: durationDto(elapsed), remainingTime: durationDto(goal - elapsed) },
      ],
    };
  }
  const elapsed = site.now() - start;
  return {
    ...base,
    completedCycles: [],
    ongoingCycle: {
      startTime: dateDto(start),
      breachTime: dateDto(breachAt),
      breached: elapsed > goal,
      paused: false,
      withinCalendarHours: false,
      goalDuration: durationDto(goal),
      elapsedTime: durationDto(elapsed),
      remainingTime: durationDto(goal - elapsed),
    },
  };
}
