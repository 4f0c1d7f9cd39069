// Which project an issue is in, for events that name only the issue id (Forge's worklog events
// carry the worklog, whose `issueId` is all they say about the issue). One GET asking for the
// project field alone; null when the issue is gone or out of reach.
import { route } from '@forge/api';
import { z } from 'zod';
import { parseAnswer, JiraClient } from './jira-client';
import type { JiraHttp } from './jira-http';

const beanSchema = z.looseObject({ fields: z.looseObject({ project: z.looseObject({ key: z.string().min(1) }) }) });

export async function issueProjectKey(http: JiraHttp, issueId: string): Promise<string | null> {
  const what = `read the project of issue ${issueId}`;
  const res = await new JiraClient(http).sendOrNull(what, 'GET', route`/rest/api/3/issue/${issueId}?fields=project`);
  return res ? parseAnswer(what, beanSchema, res).fields.project.key : null;
}
