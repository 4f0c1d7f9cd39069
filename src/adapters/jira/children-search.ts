// An issue's children by JQL (`parent = X`: the issues of an epic and the sub-tasks of an issue,
// Jira Cloud's one hierarchy field), ids only, first page only: the caller caps how many it takes.
import { route } from '@forge/api';
import { z } from 'zod';
import { localIssueId, type LocalIssueId } from '../../core/ids';
import type { JiraClient } from './jira-client';
import { jsonBody } from './jira-http';

const pageSchema = z.looseObject({ issues: z.array(z.looseObject({ id: z.string() })).default([]) });

export async function childIssueIds(client: JiraClient, parent: LocalIssueId, max: number): Promise<LocalIssueId[]> {
  if (!/^\d+$/.test(parent)) return [];
  const body = { jql: `parent = ${parent} ORDER BY key ASC`, fields: ['id'], maxResults: Math.max(1, Math.min(max, 100)) };
  const page = await client.json(`search the children of issue ${parent}`, pageSchema, 'POST', route`/rest/api/3/search/jql`, jsonBody(body));
  return page.issues.map((i) => localIssueId(i.id));
}
