// Worklogs of an issue as snapshot entries. They come inline with the one issue GET (the
// `worklog` field: Jira embeds the first page, 20 worklogs, with the total), so a second call is
// made only for an issue with more worklogs than that page holds.
import { route } from '@forge/api';
import { z } from 'zod';
import { toIsoUtc, type SnapshotWorklog } from '../../core/replica/worklog';
import { adfToRich } from './adf/adf-to-rich';
import type { UserPrivacy } from './field-decode';
import type { JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { userSchema } from './jira-schemas';

/** GET /issue/{id}/worklog answers up to 5,000 per page (its documented maxResults default). */
const WORKLOG_PAGE = 5000;

export const worklogSchema = z.looseObject({
  id: z.string(),
  author: userSchema.partial().nullish(),
  comment: z.unknown().optional(),
  started: z.string().optional(),
  updated: z.string().optional(),
  created: z.string().optional(),
  timeSpentSeconds: z.number().int().nonnegative().optional(),
  visibility: z.looseObject({ type: z.string().optional(), value: z.string().optional(), identifier: z.string().optional() }).nullish(),
  properties: z.array(z.looseObject({ key: z.string(), value: z.unknown() })).optional(),
});
export type JiraWorklog = z.output<typeof worklogSchema>;

export const worklogPageSchema = z.looseObject({
  worklogs: z.array(worklogSchema),
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
});

export function snapshotWorklog(w: JiraWorklog, privacy: UserPrivacy): SnapshotWorklog {
  const author: SnapshotWorklog['author'] = { displayName: w.author?.displayName ?? '' };
  if (privacy.includeEmail && w.author?.emailAddress) author.email = w.author.emailAddress;
  const updated = Date.parse(w.updated ?? w.created ?? '');
  return {
    id: w.id,
    timeSpentSeconds: w.timeSpentSeconds ?? 0,
    started: toIsoUtc(w.started) ?? new Date(0).toISOString(),
    comment: w.comment ? adfToRich(w.comment) : { type: 'doc', content: [] },
    author,
    updatedAt: Number.isNaN(updated) ? 0 : updated,
    // A group or role restriction keeps a worklog in-house, as it does a comment.
    restricted: Boolean(w.visibility?.value ?? w.visibility?.identifier),
  };
}

/** Every worklog of the issue: the inline first page, then the rest (missing ones would look deleted). */
export async function readWorklogs(client: JiraClient, issueId: string, inline: unknown, privacy: UserPrivacy): Promise<SnapshotWorklog[]> {
  const first = worklogPageSchema.safeParse(inline ?? { worklogs: [] });
  if (!first.success) throw new JiraApiError(`read issue ${issueId}: the worklog field is not a worklog page`, false, null);
  const all = [...first.data.worklogs];
  const total = first.data.total ?? all.length;
  if (all.length < total) {
    // The inline page is the first 20; one documented page then holds up to 5,000 from the start.
    all.length = 0;
    while (all.length < total) {
      const q = new URLSearchParams({ startAt: String(all.length), maxResults: String(WORKLOG_PAGE) });
      const page = await client.json(`read worklogs of ${issueId}`, worklogPageSchema, 'GET', route`/rest/api/3/issue/${issueId}/worklog?${q}`);
      if (page.worklogs.length === 0) break;
      all.push(...page.worklogs);
    }
  }
  return all.map((w) => snapshotWorklog(w, privacy));
}
