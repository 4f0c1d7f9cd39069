// Projects the app can see, for the admin page's project picker (paged project search).
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraClient } from './jira-client';
import type { JiraHttp } from './jira-http';

const pageSchema = z.looseObject({ values: z.array(z.looseObject({ key: z.string(), name: z.string() })), isLast: z.boolean().optional(), total: z.number().optional() });

export async function listJiraProjects(http: JiraHttp, max = 500): Promise<Array<{ key: string; name: string }>> {
  const client = new JiraClient(http);
  const out: Array<{ key: string; name: string }> = [];
  for (let startAt = 0; out.length < max; ) {
    const page = await client.json('list projects', pageSchema, 'GET', route`/rest/api/3/project/search?startAt=${String(startAt)}&maxResults=50&orderBy=key`);
    out.push(...page.values.map((p) => ({ key: p.key, name: p.name })));
    if (page.isLast !== false || page.values.length === 0) break;
    startAt += page.values.length;
  }
  return out;
}
