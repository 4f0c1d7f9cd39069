// Mirrored worklogs: the app logs them (Jira makes the app their author), so the partner's author
// is named in the comment's first line, and the mirror token rides as a worklog property in the
// same POST (a retried add after a crash finds the first one instead of logging the time twice).
// `adjustEstimate` comes from the plan (core/planning/incoming-worklogs.ts says which and why); a
// remaining estimate the same message sets rides along as adjustEstimate=new&newEstimate (the
// platform OpenAPI: "Add worklog", "Update worklog", "Delete worklog"), saving a PUT of the issue.
import { route } from '@forge/api';
import { z } from 'zod';
import type { LocalIssueId } from '../../core/ids';
import type { NewWorklog } from '../../core/ports/tracker';
import type { RichDoc } from '../../core/richtext/model';
import { richToAdf } from './adf/rich-to-adf';
import type { JiraClient } from './jira-client';
import { jsonBody } from './jira-http';
import { worklogSchema } from './worklog-reader';

export const WORKLOG_MIRROR_PROPERTY = 'liaisonMirror';
/** POST /rest/api/3/worklog/list takes at most 1,000 ids. */
const WORKLOG_LIST_MAX = 1000;
const worklogListSchema = z.array(worklogSchema);

/** The logged comment: who logged the work on the partner's side, then their comment. */
export function attributedWorklog(comment: RichDoc, author: string): RichDoc {
  if (!author) return comment;
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${author} logged this work`, marks: [{ type: 'em' }] }] }, ...comment.content] };
}

/** Jira's date-time form for `started` (yyyy-MM-dd'T'HH:mm:ss.SSSZ, as the spec's example). */
export const jiraStarted = (iso: string): string => iso.replace(/Z$/, '+0000');

/**
 * The query's estimate part: `new` with the estimate in minutes (the spec: "#d, #h, or minutes (#m
 * or #)"; the core folds only whole minutes), else the plan's mode.
 */
export function estimateQuery(adjustEstimate: 'auto' | 'leave', newEstimateSeconds: number | undefined): Record<string, string> {
  if (newEstimateSeconds === undefined) return { adjustEstimate };
  return { adjustEstimate: 'new', newEstimate: `${Math.max(0, Math.round(newEstimateSeconds / 60))}m` };
}

const bodyOf = (w: NewWorklog) => ({ timeSpentSeconds: w.timeSpentSeconds, started: jiraStarted(w.started), comment: richToAdf(attributedWorklog(w.comment, w.author.displayName)) });

export class WorklogWriter {
  constructor(private readonly client: JiraClient) {}

  async add(issueId: LocalIssueId, worklog: NewWorklog): Promise<string> {
    const q = new URLSearchParams({ ...estimateQuery(worklog.adjustEstimate, worklog.newEstimateSeconds), notifyUsers: 'false' });
    const properties = worklog.mirrorOf ? [{ key: WORKLOG_MIRROR_PROPERTY, value: { token: worklog.mirrorOf } }] : [];
    const created = await this.client.json(`log work on issue ${issueId}`, worklogSchema, 'POST', route`/rest/api/3/issue/${issueId}/worklog?${q}`, jsonBody({ ...bodyOf(worklog), properties }));
    return created.id;
  }

  /** The worklog an earlier add with this token left, among the candidates: one POST /worklog/list?expand=properties. */
  async findMirrored(issueId: LocalIssueId, token: string, candidates: readonly string[]): Promise<string | null> {
    const ids = candidates.filter((id) => /^\d+$/.test(id)).slice(-WORKLOG_LIST_MAX).map(Number);
    if (ids.length === 0) return null;
    const list = await this.client.json(`look for mirrored worklog ${token} on issue ${issueId}`, worklogListSchema, 'POST', route`/rest/api/3/worklog/list?expand=properties`, jsonBody({ ids }));
    const hit = list.find((w) => w.properties?.some((p) => p.key === WORKLOG_MIRROR_PROPERTY && (p.value as { token?: unknown } | null)?.token === token));
    return hit?.id ?? null;
  }

  async update(issueId: LocalIssueId, worklogId: string, worklog: NewWorklog): Promise<void> {
    const q = new URLSearchParams({ ...estimateQuery(worklog.adjustEstimate, worklog.newEstimateSeconds), notifyUsers: 'false' });
    await this.client.send(`edit worklog ${worklogId} of issue ${issueId}`, 'PUT', route`/rest/api/3/issue/${issueId}/worklog/${worklogId}?${q}`, jsonBody(bodyOf(worklog)));
  }

  /** False when the worklog was gone already (404): nothing was written, the estimate included. */
  async remove(issueId: LocalIssueId, worklogId: string, adjustEstimate: 'auto' | 'leave', newEstimateSeconds?: number): Promise<boolean> {
    const q = new URLSearchParams({ ...estimateQuery(adjustEstimate, newEstimateSeconds), notifyUsers: 'false' });
    // Already gone is what we wanted: deletes stay idempotent.
    const res = await this.client.sendOrNull(`delete worklog ${worklogId} of issue ${issueId}`, 'DELETE', route`/rest/api/3/issue/${issueId}/worklog/${worklogId}?${q}`);
    return res !== null;
  }
}
