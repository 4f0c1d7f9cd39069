// Paging through a project's issues with the enhanced JQL search (`/rest/api/3/search/jql`; the
// old `/search` is gone from Jira Cloud). Only ids come back: the sync reads each issue itself,
// with exactly the fields its rule needs.
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraClient } from './jira-client';
import { jsonBody, type JiraHttp } from './jira-http';

const pageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string(), key: z.string().optional() })),
  nextPageToken: z.string().optional().nullable(),
  isLast: z.boolean().optional(),
});

export type IssueIdPage = { issues: Array<{ id: string; key: string | null }>; nextPageToken: string | null };

const projectKey = /^[A-Z][A-Z0-9_]*$/;

export async function projectIssuePage(http: JiraHttp, input: { projectKey: string; nextPageToken: string | null; maxResults: number }): Promise<IssueIdPage> {
  if (!projectKey.test(input.projectKey)) throw new TypeError(`not a Jira project key: ${JSON.stringify(input.projectKey)}`);
  const body = {
    jql: `project = ${input.projectKey} ORDER BY key ASC`,
    fields: ['id'],
    maxResults: input.maxResults,
    ...(input.nextPageToken ? { nextPageToken: input.nextPageToken } : {}),
  };
  const page = await new JiraClient(http).json(`search issues of ${input.projectKey}`, pageSchema, 'POST', route`/rest/api/3/search/jql`, jsonBody(body));
  return { issues: page.issues.map((i) => ({ id: i.id, key: i.key ?? null })), nextPageToken: page.isLast === false || (page.isLast === undefined && page.nextPageToken) ? page.nextPageToken ?? null : null };
}

const countSchema = z.looseObject({ count: z.number().int().nonnegative() });

/** How many issues a project has (for a progress bar); Jira calls it approximate. */
export async function projectIssueCount(http: JiraHttp, key: string): Promise<number> {
  if (!projectKey.test(key)) throw new TypeError(`not a Jira project key: ${JSON.stringify(key)}`);
  const res = await new JiraClient(http).json(`count issues of ${key}`, countSchema, 'POST', route`/rest/api/3/search/approximate-count`, jsonBody({ jql: `project = ${key}` }));
  return res.count;
}
