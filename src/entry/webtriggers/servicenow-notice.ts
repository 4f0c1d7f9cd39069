// Web trigger where a ServiceNow business rule posts signed change notices (docs/servicenow/INSTALL.md).
import { receiveNotice } from '../../app/servicenow/notice';
import { syncDeps } from '../../app/sync-deps';
import { headerValue, type WebTriggerHeaders } from './request-headers';

type WebTriggerRequest = { method?: unknown; body?: unknown; headers?: WebTriggerHeaders; queryParameters?: Record<string, string[] | undefined> };
type WebTriggerResponse = { statusCode: number; headers: Record<string, string[]>; body: string };

const JSON_TYPE = { 'content-type': ['application/json'] };
const first = (v: string[] | undefined): string | undefined => v?.[0];

export async function serviceNowNotice(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  if (request?.method !== 'POST') {
    return { statusCode: 405, headers: { allow: ['POST'], ...JSON_TYPE }, body: JSON.stringify({ error: 'method-not-allowed', message: 'the ServiceNow business rule POSTs change notices here' }) };
  }
  const result = await receiveNotice(syncDeps(), {
    connectionId: first(request.queryParameters?.connection),
    body: typeof request.body === 'string' ? request.body : '',
    timestamp: headerValue(request.headers, 'x-liaison-timestamp'),
    signature: headerValue(request.headers, 'x-liaison-signature'),
  });
  return { statusCode: result.status, headers: JSON_TYPE, body: JSON.stringify({ message: result.message }) };
}
