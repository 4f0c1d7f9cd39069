// Paging through a project's issues with the enhanced JQL search (`/rest/api/3/search/jql`; the
// old `/search` is gone from Jira Cloud). Only ids come back: the sync reads each issue itself,
// with exactly the fields its rule needs.
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraClient } from './jira-client';
import { jsonBody, type JiraHttp } from './jira-http';
import { scopedProjectJql } from './jql-scope';

const pageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string(), key: z.string().optional() })),
  nextPageToken: z.string().optional().nullable(),
  isLast: z.boolean().optional(),
});

export type IssueIdPage = { issues: Array<{ id: string; key: string | null }>; nextPageToken: string | null };

/** `scopeJql`: the rule's scope clause, so the search returns only the issues it takes in. */
export async function projectIssuePage(http: JiraHttp, input: { projectKey: string; nextPageToken: string | null; maxResults: number; scopeJql?: string }): Promise<IssueIdPage> {
  const body = {
    jql: `${scopedProjectJql(input.projectKey, input.scopeJql)} ORDER BY key ASC`,
    fields: ['id'],
    maxResults: input.maxResults,
    ...(input.nextPageToken ? { nextPageToken: input.nextPageToken } : {}),
  };
  const page = await new JiraClient(http).json(`search issues of ${input.projectKey}`, pageSchema, 'POST', route`/rest/api/3/search/jql`, jsonBody(body));
  return { issues: page.issues.map((i) => ({ id: i.id, key: i.key ?? null })), nextPageToken: page.isLast === false || (page.isLast === undefined && page.nextPageToken) ? page.nextPageToken ?? null : null };
}

const countSchema = z.looseObject({ count: z.number().int().nonnegative() });

/** How many issues a project has (for a progress bar); Jira calls it approximate. */
export async function projectIssueCount(http: JiraHttp, key: string, scopeJql?: string): Promise<number> {
  const res = await new JiraClient(http).json(`count issues of ${key}`, countSchema, 'POST', route`/rest/api/3/search/approximate-count`, jsonBody({ jql: scopedProjectJql(key, scopeJql) }));
  return res.count;
}
