// Which of some issue ids still exist: the lost-delete check's one search. `id in (…)` with only
// the id field; Jira refuses the whole query (400, one message per id) when an id no longer exists,
// so a refusal names the candidates, and each candidate — like an id a search leaves out (the index
// can trail a create) — is confirmed gone by its own GET answering 404 before anyone acts on it.
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { jsonBody, type JiraHttp } from './jira-http';

const pageSchema = z.looseObject({ issues: z.array(z.looseObject({ id: z.string() })) });

/** The ids (numeric issue ids) that no longer exist: one search, plus one GET per id it does not return. */
export async function goneIssueIds(http: JiraHttp, ids: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
  if (wanted.length === 0) return [];
  const client = new JiraClient(http);
  let unsure: string[];
  try {
    const page = await client.json(`check ${wanted.length} issues still exist`, pageSchema, 'POST', route`/rest/api/3/search/jql`, jsonBody({ jql: `id in (${wanted.join(',')})`, fields: ['id'], maxResults: wanted.length }));
    const found = new Set(page.issues.map((i) => i.id));
    unsure = wanted.filter((id) => !found.has(id));
  } catch (e) {
    if (!(e instanceof JiraApiError && e.status === 400)) throw e;
    const named = wanted.filter((id) => e.message.includes(`'${id}'`));
    unsure = named.length > 0 ? named : wanted;
  }
  const gone: string[] = [];
  for (const id of unsure) {
    const res = await client.sendOrNull(`check issue ${id} still exists`, 'GET', route`/rest/api/3/issue/${id}?fields=id`);
    if (!res) gone.push(id);
  }
  return gone;
}
