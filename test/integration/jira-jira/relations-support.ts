// Rules and reads shared by the hierarchy and issue-link tests: both sites share issues labelled
// "shared", with their issue type (mapped by name), parent and links both ways.
import type { Mirror, SiteHandle } from './support';

type Rule = Parameters<NonNullable<Parameters<Mirror['saveRule']>[1]>>[0];

export const LINK_TYPES = { Blocks: 'Blocks', Relates: 'Relates' };

export function relationsRule(options: { bringParent?: boolean; linkTypes?: Record<string, string> } = {}) {
  return (r: Rule) => ({
    ...r,
    fields: { ...r.fields, issuetype: { direction: 'both' as const, conflict: 'latest' as const } },
    outgoing: { ...r.outgoing, relations: { hierarchy: true, bringParent: options.bringParent ?? false, links: true } },
    incoming: { ...r.incoming, relations: { hierarchy: true, links: true, linkTypes: options.linkTypes ?? LINK_TYPES } },
    scope: { labels: ['shared'] },
  });
}

export async function shareRelations(m: Mirror, options?: Parameters<typeof relationsRule>[0]): Promise<void> {
  await m.saveRule(m.acme, relationsRule(options), 'hierarchy and links');
  await m.saveRule(m.globex, relationsRule(options), 'hierarchy and links');
  await m.settle();
}

/** The parent's key as the issue shows it, or null. */
export async function parentKey(site: SiteHandle, key: string): Promise<string | null> {
  const parent = (await site.issue(key, 'parent')).fields.parent as { key: string } | undefined;
  return parent?.key ?? null;
}

/** The issue's links as "blocks GLX-2" / "is blocked by GLX-1", sorted. */
export async function linksOf(site: SiteHandle, key: string): Promise<string[]> {
  type Link = { type: { inward: string; outward: string }; outwardIssue?: { key: string }; inwardIssue?: { key: string } };
  const links = ((await site.issue(key, 'issuelinks')).fields.issuelinks ?? []) as Link[];
  return links.map((l) => (l.outwardIssue ? `${l.type.outward} ${l.outwardIssue.key}` : `${l.type.inward} ${l.inwardIssue!.key}`)).sort();
}

export async function link(site: SiteHandle, type: string, source: string, destination: string): Promise<void> {
  await site.rest('POST', '/rest/api/3/issueLink', { type: { name: type }, inwardIssue: { key: source }, outwardIssue: { key: destination } });
}

/** What one change cost a site: Jira calls (ids shown as {id}, no query) and KVS operations. */
export type Cost = { reads: string[]; writes: string[]; kvs: number };

/** Jira metadata reads: the 10-minute metadata cache refreshing when it fell due (fast-path.test.ts). */
const METADATA = /^\/rest\/api\/3\/(field|workflows|issue\/createmeta|project\/)/;

function costOn(site: SiteHandle): Cost {
  const calls = site.recorder.entries({ kind: 'product' });
  const refreshed = calls.some((e) => METADATA.test(e.path));
  const shown = calls.filter((e) => !METADATA.test(e.path)).map((e) => ({ read: e.method === 'GET', what: `${e.method} ${e.path.split('?')[0]!.replace(/\/(issue|issueLink|comment|worklog)\/[^/]+/g, '/$1/{id}')}` }));
  return {
    reads: shown.filter((c) => c.read).map((c) => c.what),
    writes: shown.filter((c) => !c.read).map((c) => c.what),
    // The cache refresh writes its entry once (one operation), and only when it fell due.
    kvs: site.recorder.count({ kind: 'kvs' }) - (refreshed ? 1 : 0),
  };
}

/**
 * What `change` costs each site once it has landed, counted exactly: Forge's product-event delay and
 * its redelivered copies are held off meanwhile (a copy would add its own planning pass to whichever
 * change it hit, and the delay would let scheduled work fall inside the count;
 * duplicate-deliveries.test.ts covers copies), then put back as they were. Storage strictness
 * (index lag) stays on.
 */
export async function costOf(m: Mirror, change: () => Promise<unknown>): Promise<Record<'acme' | 'globex', Cost>> {
  await m.afterMaintenance();
  const events = m.world.platform.productEventStrictness;
  const held = { maxDelayMs: events.maxDelayMs, duplicateRate: events.duplicateRate };
  Object.assign(events, { maxDelayMs: 0, duplicateRate: 0 });
  try {
    m.acme.recorder.reset();
    m.globex.recorder.reset();
    await change();
    await m.settle();
  } finally {
    Object.assign(events, held);
  }
  return { acme: costOn(m.acme), globex: costOn(m.globex) };
}
