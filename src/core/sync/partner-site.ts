// Where a "mirrored by" link may point: the partner's own site, never wherever its message says.
// A ServiceNow partner's records live on its instance (the connection's endpoint). A Jira partner's
// issues live on its site: the one it named in its signed profile at connect (core/profile, kept
// on the connection; a later profile cannot move it). A connection made before profiles has none
// until the partner's first profile arrives; until then only Jira Cloud's own domain
// (https://<site>.atlassian.net) passes, since a Jira partner's web trigger URL is on Forge's host.
import type { Connection } from '../connection';

const JIRA_CLOUD_DOMAIN = '.atlassian.net';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Why `url` may not be linked as the partner's issue on this connection, or null when it may. */
export function partnerLinkProblem(url: string, connection: Pick<Connection, 'partnerKind' | 'partnerEndpoint' | 'partnerProfile'>): string | null {
  const link = parse(url);
  if (!link) return `"${url.slice(0, 200)}" is not a URL`;
  if (link.username || link.password) return `${link.origin} carries credentials`;
  const recorded = connection.partnerKind === 'jira' ? connection.partnerProfile?.site : undefined;
  const site = recorded ? parse(recorded) : connection.partnerKind === 'servicenow' && connection.partnerEndpoint ? parse(connection.partnerEndpoint) : null;
  if (site) {
    return link.protocol === site.protocol && link.host === site.host ? null : `${link.origin} is not the partner's site (${site.origin})`;
  }
  if (connection.partnerKind === 'jira') {
    return link.protocol === 'https:' && link.hostname.endsWith(JIRA_CLOUD_DOMAIN) && link.port === '' ? null : `${link.origin} is not a Jira Cloud site (https://…${JIRA_CLOUD_DOMAIN})`;
  }
  return `the partner's site is not known for this connection`;
}
