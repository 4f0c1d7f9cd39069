// The one transport seam of the Jira adapter: Forge's requestJira in production, a fake in unit
// tests. Paths are built with @forge/api's `route` tag so path parameters are always escaped.
import type { Route } from '@forge/api';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type JiraRequestBody =
  | { kind: 'json'; value: unknown }
  /** Multipart uploads carry their own content type (with the boundary) and extra headers. */
  | { kind: 'raw'; contentType: string; bytes: Uint8Array; headers?: Record<string, string> }
  /** No body, only request headers (a Range on attachment content). */
  | { kind: 'none'; headers: Record<string, string> };

export type JiraHttpResponse = {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The body as text; empty for 204. */
  text: string;
  /** The raw body, for binary answers (attachment content). */
  bytes?: Uint8Array;
};

export interface JiraHttp {
  /** Resolves with any HTTP status; rejects only when no answer came (network, platform). */
  request(method: HttpMethod, path: Route, body?: JiraRequestBody): Promise<JiraHttpResponse>;
}

export const jsonBody = (value: unknown): JiraRequestBody => ({ kind: 'json', value });
