// One page of the reconciliation sweep's search: the issues a JQL finds, with their `updated` time
// (whether it changed since the last look), and `created` and `creator` (an issue this app created
// and nobody touched since needs no look). Enhanced search, as bulk sync. Jira charges per issue
// returned, not per field, so the two extra fields cost nothing.
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraClient } from './jira-client';
import { jsonBody, type JiraHttp } from './jira-http';

const pageSchema = z.looseObject({
  issues: z.array(z.looseObject({
    id: z.string(),
    fields: z.looseObject({ updated: z.string().optional(), created: z.string().optional(), creator: z.looseObject({ accountId: z.string().optional() }).nullable().optional() }).optional(),
  })),
  nextPageToken: z.string().optional().nullable(),
  isLast: z.boolean().optional(),
});

export type UpdatedIssuePage = { issues: Array<{ id: string; updated: number; created?: number; creatorId?: string | null }>; nextPageToken: string | null };

/** Jira writes offsets without a colon (`+0000`); Date.parse wants ISO 8601's `+00:00`. */
export function parseJiraTime(raw: string | undefined): number {
  if (!raw) return 0;
  const ms = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : 0;
}

export async function updatedIssuePage(http: JiraHttp, input: { jql: string; nextPageToken: string | null; maxResults: number }): Promise<UpdatedIssuePage> {
  const body = { jql: input.jql, fields: ['updated', 'created', 'creator'], maxResults: input.maxResults, ...(input.nextPageToken ? { nextPageToken: input.nextPageToken } : {}) };
  const page = await new JiraClient(http).json('search recently updated issues', pageSchema, 'POST', route`/rest/api/3/search/jql`, jsonBody(body));
  const last = page.isLast === true || (page.isLast === undefined && !page.nextPageToken);
  return {
    issues: page.issues.map((i) => ({
      id: i.id,
      updated: parseJiraTime(i.fields?.updated),
      ...(i.fields?.created ? { created: parseJiraTime(i.fields.created) } : {}),
      ...(i.fields?.creator !== undefined ? { creatorId: i.fields.creator?.accountId ?? null } : {}),
    })),
    nextPageToken: last ? null : (page.nextPageToken ?? null),
  };
}

const myselfSchema = z.looseObject({ accountId: z.string().min(1).max(128) });

/** The account this app acts as on the site (asApp: the app's own user). */
export async function appAccountId(http: JiraHttp): Promise<string> {
  return (await new JiraClient(http).json('read the app\'s own account', myselfSchema, 'GET', route`/rest/api/3/myself`)).accountId;
}
