// ServiceNow → Jira time worked: the task table's Time worked timer (`time_worked`) as one worklog.
// ServiceNow's docs: "By default, the time in the Time worked field is a cumulative value stored in
// the task record" (Time worked, c_TimeWorked); each save also leaves a task_time_worked row, whose
// columns the docs do not describe, so the total on the record is what is read — in the record's
// one GET, no request of its own. The worklog stands for the total: one per record, its time the
// timer's, edited as it changes and at zero without a copy (core/planning/incoming-worklogs.ts).
import type { SnapshotWorklog } from '../../core/replica/worklog';
import { plainToRich } from './html-richtext';
import { cell, valueOf } from './record-fields';
import type { SnRecord } from './servicenow-schemas';
import { fromDuration } from './sn-duration';
import { parseSnTime } from './sn-time';

/** The timer column, and the worklog id that stands for it (one per record, so one per pair). */
export const TIME_WORKED_COLUMN = 'time_worked';
export const TIME_WORKED_WORKLOG_ID = 'time_worked';
/** What the worklog's start is taken from: when the record was created (never changes). */
export const CREATED_COLUMN = 'sys_created_on';

/**
 * Jira keeps time in whole minutes and refuses a worklog under one (not in its REST spec; reported
 * as a 400 "You must indicate the time spent working." for a 1-second worklog), while the timer
 * counts seconds. The total goes to the nearest minute: under 30 s is no work yet; a change inside
 * the same minute writes nothing to Jira.
 */
export const jiraMinutes = (seconds: number): number => Math.round(seconds / 60) * 60;

export const timeWorkedComment = (number: string): string => `Time worked in ServiceNow (${number})`;

/**
 * The record's time worked as a worklog; undefined when the record came without the column (a
 * table that lacks it, or a read that left it out): then nothing about worklogs may be concluded.
 */
export function timeWorkedWorklog(record: SnRecord): SnapshotWorklog | undefined {
  if (!(TIME_WORKED_COLUMN in record)) return undefined;
  const seconds = fromDuration(cell(record, TIME_WORKED_COLUMN).value) ?? 0;
  const created = parseSnTime(valueOf(record, CREATED_COLUMN));
  const updated = parseSnTime(valueOf(record, 'sys_updated_on'));
  const number = valueOf(record, 'number') || valueOf(record, 'sys_id');
  return {
    id: TIME_WORKED_WORKLOG_ID,
    timeSpentSeconds: jiraMinutes(seconds),
    started: new Date(Number.isNaN(created) ? 0 : created).toISOString(),
    comment: plainToRich(timeWorkedComment(number)),
    // Nobody in particular: the timer adds up every agent's time.
    author: { displayName: '' },
    updatedAt: Number.isNaN(updated) ? 0 : updated,
    restricted: false,
  };
}
