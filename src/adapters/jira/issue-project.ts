// The one read of an issue that an event names by id only (Forge's worklog and issue link events:
// their payload names the issue, never its project). Which fields the issue's rules need depends on
// its project, unknown until the issue is read, so this read asks for every field (`fields=*all`,
// with their schemas and the pair tag, as the snapshot read asks them). The app routes the change
// by the project it names, and the project's tracker decodes its snapshot from this same answer
// (JiraTrackerOptions.readAhead): the change costs one Jira read, as a field change does. Null when
// the issue is gone or out of reach.
import { route } from '@forge/api';
import type { z } from 'zod';
import { parseAnswer, JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import type { JiraHttp } from './jira-http';
import { issueBeanSchema } from './jira-schemas';
import { PAIR_PROPERTY } from './issue-writer';

export type IssueReadAhead = { issueId: string; projectKey: string; bean: z.output<typeof issueBeanSchema>; status: number };

/** The query: every field (a superset of any read plan's), their schemas (custom fields are decoded by them), the pair tag. */
export const READ_AHEAD_QUERY = new URLSearchParams({ fields: '*all', properties: PAIR_PROPERTY, expand: 'schema' });

export async function readIssueAhead(http: JiraHttp, issueId: string): Promise<IssueReadAhead | null> {
  const what = `read issue ${issueId}`;
  const res = await new JiraClient(http).sendOrNull(what, 'GET', route`/rest/api/3/issue/${issueId}?${READ_AHEAD_QUERY}`);
  if (!res) return null;
  const bean = parseAnswer(what, issueBeanSchema, res);
  const project = bean.fields.project as { key?: unknown } | undefined;
  if (typeof project?.key !== 'string' || !project.key) throw new JiraApiError(`${what}: the answer names no project`, false, res.status);
  return { issueId: bean.id, projectKey: project.key, bean, status: res.status };
}
