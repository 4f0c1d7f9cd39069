// A scripted ServiceNowHttp: answers by method + path pattern and records every request, so tests
// can assert both what the adapter sent and how many calls it took.
import type { HttpMethod, ServiceNowHttp, ServiceNowHttpResponse, ServiceNowRequestBody } from '../../../../../src/adapters/servicenow/servicenow-http';

export type Sent = { method: HttpMethod; path: string; url: URL; body?: ServiceNowRequestBody; json?: unknown };
type Answer = ServiceNowHttpResponse | ((req: Sent) => ServiceNowHttpResponse);

export const reply = (status: number, body?: unknown, headers: Record<string, string> = {}): ServiceNowHttpResponse => ({
  status,
  headers: body === undefined ? headers : { 'content-type': 'application/json;charset=UTF-8', ...headers },
  text: body === undefined ? '' : JSON.stringify(body),
});

/** ServiceNow's error envelope. */
export const failure = (status: number, message: string, detail: string | null = null, headers: Record<string, string> = {}) =>
  reply(status, { error: { message, detail }, status: 'failure' }, headers);

export class FakeServiceNowHttp implements ServiceNowHttp {
  readonly sent: Sent[] = [];
  private readonly routes: { method: HttpMethod; pattern: RegExp; answer: Answer }[] = [];
  failNext: Error | null = null;

  on(method: HttpMethod, pattern: RegExp, answer: Answer): this {
    this.routes.push({ method, pattern, answer });
    return this;
  }

  async request(method: HttpMethod, path: string, body?: ServiceNowRequestBody): Promise<ServiceNowHttpResponse> {
    const url = new URL(path, 'https://acme.service-now.com');
    const req: Sent = { method, path: url.pathname, url, ...(body ? { body } : {}), ...(body?.kind === 'json' ? { json: body.value } : {}) };
    this.sent.push(req);
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    const route = this.routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) return failure(400, `fake: no route for ${method} ${url.pathname}`);
    return typeof route.answer === 'function' ? route.answer(req) : route.answer;
  }
}
