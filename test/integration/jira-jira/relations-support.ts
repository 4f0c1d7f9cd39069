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
