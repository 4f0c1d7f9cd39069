// A thin layer over JiraHttp: turns non-2xx answers and transport failures into JiraApiError and
// parses JSON bodies against tolerant schemas (unknown vendor fields pass through, a missing or
// mistyped field we rely on is a clear error instead of an undefined deep inside the adapter).
// No retries here: the core owns the single retry policy (core/sync/retry-policy.ts).
import type { Route } from '@forge/api';
import type { z } from 'zod';
import { errorFromFailure, errorFromResponse, JiraApiError } from './jira-errors';
import type { HttpMethod, JiraHttp, JiraHttpResponse, JiraRequestBody } from './jira-http';

export class JiraClient {
  constructor(readonly http: JiraHttp) {}

  /** Any 2xx answer; everything else throws a JiraApiError starting with `what`. */
  async send(what: string, method: HttpMethod, path: Route, body?: JiraRequestBody): Promise<JiraHttpResponse> {
    let res: JiraHttpResponse;
    try {
      res = await this.http.request(method, path, body);
    } catch (e) {
      throw errorFromFailure(what, e);
    }
    if (res.status < 200 || res.status > 299) throw errorFromResponse(what, res);
    return res;
  }

  /** Like `send`, but a 404 resolves to null (the issue or comment is gone). */
  async sendOrNull(what: string, method: HttpMethod, path: Route, body?: JiraRequestBody): Promise<JiraHttpResponse | null> {
    try {
      return await this.send(what, method, path, body);
    } catch (e) {
      if (e instanceof JiraApiError && e.status === 404) return null;
      throw e;
    }
  }

  async json<S extends z.ZodType>(what: string, schema: S, method: HttpMethod, path: Route, body?: JiraRequestBody): Promise<z.output<S>> {
    return parseAnswer(what, schema, await this.send(what, method, path, body));
  }
}

export function parseAnswer<S extends z.ZodType>(what: string, schema: S, res: JiraHttpResponse): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(res.text);
  } catch {
    throw new JiraApiError(`${what}: Jira answered ${res.status} with a body that is not JSON`, false, res.status);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new JiraApiError(`${what}: unexpected answer from Jira${where}: ${issue?.message ?? 'invalid'}`, false, res.status);
  }
  return parsed.data;
}
