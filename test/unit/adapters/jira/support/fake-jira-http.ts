// A scripted JiraHttp: answers by method + path pattern and records every request, so tests can
// assert both what the adapter sent and how many calls it took.
import type { Route } from '@forge/api';
import type { HttpMethod, JiraHttp, JiraHttpResponse, JiraRequestBody } from '../../../../../src/adapters/jira/jira-http';

export type Sent = { method: HttpMethod; path: string; url: URL; body?: JiraRequestBody; json?: unknown };
type Answer = JiraHttpResponse | ((req: Sent) => JiraHttpResponse);

export const reply = (status: number, body?: unknown, headers: Record<string, string> = {}): JiraHttpResponse => ({
  status,
  headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
  text: body === undefined ? '' : JSON.stringify(body),
});

export class FakeJiraHttp implements JiraHttp {
  readonly sent: Sent[] = [];
  private readonly routes: { method: HttpMethod; pattern: RegExp; answer: Answer; times?: number }[] = [];
  failNext: Error | null = null;

  on(method: HttpMethod, pattern: RegExp, answer: Answer, times?: number): this {
    this.routes.push({ method, pattern, answer, ...(times !== undefined ? { times } : {}) });
    return this;
  }

  async request(method: HttpMethod, path: Route, body?: JiraRequestBody): Promise<JiraHttpResponse> {
    const url = new URL(path.value, 'https://acme.atlassian.net');
    const req: Sent = { method, path: url.pathname, url, ...(body ? { body } : {}), ...(body?.kind === 'json' ? { json: body.value } : {}) };
    this.sent.push(req);
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    const route = this.routes.find((r) => r.method === method && r.pattern.test(url.pathname) && (r.times === undefined || r.times > 0));
    if (!route) return reply(404, { errorMessages: [`fake: no route for ${method} ${url.pathname}`], errors: {} });
    if (route.times !== undefined) route.times--;
    return typeof route.answer === 'function' ? route.answer(req) : route.answer;
  }

  count(method?: HttpMethod): number {
    return this.sent.filter((s) => !method || s.method === method).length;
  }
}
