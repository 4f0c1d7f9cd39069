// The site's own address and title (GET /rest/api/3/serverInfo, no scope needed): the address is
// what partners link to, the title a default organisation name.
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraClient } from './jira-client';
import type { JiraHttp } from './jira-http';

const schema = z.looseObject({ baseUrl: z.string(), serverTitle: z.string().optional() });

export type ServerInfo = { baseUrl: string; serverTitle: string | null };

export async function readServerInfo(http: JiraHttp): Promise<ServerInfo> {
  const info = await new JiraClient(http).json('read the site information', schema, 'GET', route`/rest/api/3/serverInfo`);
  return { baseUrl: info.baseUrl, serverTitle: info.serverTitle?.trim() || null };
}

/** Jira Cloud's default title says nothing about the organisation; the site's name then says more. */
const GENERIC_TITLES = new Set(['jira', 'jira cloud', 'jira software', 'jira service management', 'jira work management', 'your company jira']);

/** `Globex` for title "Jira" on https://globex.atlassian.net; the title when someone set one. */
export function defaultOrganisationName(info: ServerInfo): string {
  if (info.serverTitle && !GENERIC_TITLES.has(info.serverTitle.toLowerCase())) return info.serverTitle.slice(0, 100);
  let host = info.baseUrl;
  try {
    host = new URL(info.baseUrl).hostname;
  } catch {
    // not a URL: use it as it is
  }
  const label = host.endsWith('.atlassian.net') ? host.slice(0, -'.atlassian.net'.length) : host;
  return (label.charAt(0).toUpperCase() + label.slice(1)).slice(0, 100) || 'Partner';
}
