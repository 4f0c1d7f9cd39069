// One page of the reconciliation sweep's search: the issues a JQL finds, with their `updated` time
// (the sweep's only field: whether it changed since the last look). Enhanced search, as bulk sync.
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraClient } from './jira-client';
import { jsonBody, type JiraHttp } from './jira-http';

const pageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string(), fields: z.looseObject({ updated: z.string().optional() }).optional() })),
  nextPageToken: z.string().optional().nullable(),
  isLast: z.boolean().optional(),
});

export type UpdatedIssuePage = { issues: Array<{ id: string; updated: number }>; nextPageToken: string | null };

/** Jira writes offsets without a colon (`+0000`); Date.parse wants ISO 8601's `+00:00`. */
export function parseJiraTime(raw: string | undefined): number {
  if (!raw) return 0;
  const ms = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : 0;
}

export async function updatedIssuePage(http: JiraHttp, input: { jql: string; nextPageToken: string | null; maxResults: number }): Promise<UpdatedIssuePage> {
  const body = { jql: input.jql, fields: ['updated'], maxResults: input.maxResults, ...(input.nextPageToken ? { nextPageToken: input.nextPageToken } : {}) };
  const page = await new JiraClient(http).json('search recently updated issues', pageSchema, 'POST', route`/rest/api/3/search/jql`, jsonBody(body));
  const last = page.isLast === true || (page.isLast === undefined && !page.nextPageToken);
  return { issues: page.issues.map((i) => ({ id: i.id, updated: parseJiraTime(i.fields?.updated) })), nextPageToken: last ? null : (page.nextPageToken ?? null) };
}
