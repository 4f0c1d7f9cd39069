// How people call the partner of a connection: "Globex (globex.atlassian.net)" once the partner
// told its name and site, "initech (ServiceNow)" for an instance, and until a Jira partner's
// profile arrives (older connections, a pending invitation) the short connection id.
import type { Connection } from '../connection';

export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** `initech` for `https://initech.service-now.com`; the host for any other instance URL. */
export function serviceNowInstanceName(endpoint: string | null | undefined): string | null {
  const host = hostOf(endpoint);
  return host && host.endsWith('.service-now.com') ? host.slice(0, -'.service-now.com'.length) : host;
}

export function connectionDisplayName(c: Pick<Connection, 'id' | 'partnerKind' | 'partnerEndpoint' | 'state' | 'partnerProfile'>): string {
  if (c.partnerKind === 'servicenow') {
    const instance = serviceNowInstanceName(c.partnerEndpoint);
    return instance ? `${instance} (ServiceNow)` : `ServiceNow · ${c.id.slice(-8)}`;
  }
  const p = c.partnerProfile;
  if (p) {
    const host = hostOf(p.site);
    return host && host.toLowerCase() !== p.name.toLowerCase() ? `${p.name} (${host})` : p.name;
  }
  return c.state === 'pending' ? `Invitation · ${c.id.slice(-8)}` : `Jira partner · ${c.id.slice(-8)}`;
}

/** Display names made unique in a list: a second connection to the same partner gets its id tail. */
export function uniqueDisplayNames<T extends { id: string; displayName: string }>(views: T[]): T[] {
  const counts = new Map<string, number>();
  for (const v of views) counts.set(v.displayName, (counts.get(v.displayName) ?? 0) + 1);
  return views.map((v) => ((counts.get(v.displayName) ?? 0) > 1 && !v.displayName.includes(v.id.slice(-8)) ? { ...v, displayName: `${v.displayName} · ${v.id.slice(-8)}` } : v));
}
