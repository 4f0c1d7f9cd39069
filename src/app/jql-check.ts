// The rule editor's JQL box: Jira's parse errors for the clause as typed (inside the project's
// query, as the scope uses it), and, when it parses, how many of the project's issues it takes in.
import { forgeJiraHttp, projectIssueCount } from '../adapters/jira';
import type { JqlCheckView } from '../shared/resolver-contract';
import type { AppDeps } from './sync-deps';

export async function checkJql(deps: AppDeps, projectKey: string, jql: string): Promise<JqlCheckView> {
  if (!deps.tracker.jqlErrors) return { errors: ['this tracker has no JQL'], count: null };
  const [errors = []] = await deps.tracker.jqlErrors(projectKey, [jql]);
  if (errors.length > 0) return { errors, count: null };
  return { errors: [], count: await projectIssueCount(forgeJiraHttp(), projectKey, jql) };
}
