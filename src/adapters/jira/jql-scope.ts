// A rule's scope JQL on Jira: checked at save by Jira's JQL parser, answered for one issue by one
// search when the snapshot cannot decide it (core/rules/jql/jql-local.ts). Every query is the
// project's (or the issue's), with the rule's clause in parentheses.
import { route } from '@forge/api';
import { z } from 'zod';
import type { IssueSnapshot } from '../../core/replica/snapshot';
import { JiraClient } from './jira-client';
import { jsonBody, type JiraHttp } from './jira-http';

const projectKey = /^[A-Z][A-Z0-9_]*$/;

/** The project's issues that match the clause, as one JQL query (the bulk sync's and the count's). */
export function scopedProjectJql(key: string, clause: string | undefined): string {
  if (!projectKey.test(key)) throw new TypeError(`not a Jira project key: ${JSON.stringify(key)}`);
  return clause ? `project = ${key} AND (${clause})` : `project = ${key}`;
}

const parsedSchema = z.looseObject({
  queries: z.array(z.looseObject({ query: z.string().optional(), errors: z.array(z.string()).optional(), structure: z.unknown().optional() })),
});

/**
 * Jira's errors for each clause, [] for a valid one (`POST /rest/api/3/jql/parse?validation=strict`,
 * one request for all). The clause is parsed inside the project's query, so ORDER BY or an
 * unbalanced parenthesis in it is an error, as it would be in the search.
 */
export async function jqlClauseErrors(http: JiraHttp, key: string, clauses: readonly string[]): Promise<string[][]> {
  if (clauses.length === 0) return [];
  const queries = clauses.map((c) => scopedProjectJql(key, c));
  const res = await new JiraClient(http).json('check the scope JQL', parsedSchema, 'POST', route`/rest/api/3/jql/parse?validation=strict`, jsonBody({ queries }));
  const offset = scopedProjectJql(key, 'x').length - 'x)'.length;
  return clauses.map((c, i) => (res.queries[i]?.errors ?? []).map((e) => positionInClause(e, offset, c.length)));
}

/**
 * Jira counts "(line 1, character N)" in the query it parsed, which wraps the admin's clause in
 * `project = KEY AND (…)`; the admin typed only the clause, so the position is moved back into it
 * (a position past the clause, at the closing parenthesis Liaison added, is its end).
 */
export function positionInClause(message: string, offset: number, clauseLength: number): string {
  return message.replace(/\(line 1, character (\d+)\)/, (whole, n: string) => {
    const inClause = Number(n) - offset;
    if (inClause < 1) return whole;
    return inClause > clauseLength ? '(at the end of the clause)' : `(line 1, character ${inClause})`;
  });
}

const matchSchema = z.looseObject({ issues: z.array(z.looseObject({ id: z.string() })) });

// Answers per issue version (id, updated time) and clause. Kept for the life of the runtime: a
// product event, its redelivery and the sweep's look at the same version ask Jira once.
const MAX_ANSWERS = 2_000;
const answers = new Map<string, boolean>();

/**
 * Whether the issue matches the clause: one search `id = X AND (clause)` asking for the id only, with
 * the issue reconciled (`reconcileIssues`) so the answer is about the version just read, not an index
 * that may trail it.
 */
export async function issueMatchesJql(http: JiraHttp, snapshot: IssueSnapshot, clause: string): Promise<boolean> {
  if (!/^\d+$/.test(snapshot.id)) throw new TypeError(`not a Jira issue id: ${JSON.stringify(snapshot.id)}`);
  const cacheKey = `${snapshot.id}@${snapshot.updatedAt}\n${clause}`;
  const known = answers.get(cacheKey);
  if (known !== undefined) return known;
  const body = { jql: `id = ${snapshot.id} AND (${clause})`, fields: ['id'], maxResults: 1, reconcileIssues: [Number(snapshot.id)] };
  const page = await new JiraClient(http).json(`check ${snapshot.key} against the scope JQL`, matchSchema, 'POST', route`/rest/api/3/search/jql`, jsonBody(body));
  const match = page.issues.some((i) => i.id === snapshot.id);
  if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value!);
  answers.set(cacheKey, match);
  return match;
}
