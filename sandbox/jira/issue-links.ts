// Issue links between issues of one site: the link types (Jira Cloud's defaults unless the seed
// names others), the links themselves, the `issuelinks` field and the Forge link events
// (`avi:jira:created:issuelink`, `avi:jira:deleted:issuelink`; payload fields as Forge's Jira
// events reference lists them: id, sourceIssueId, destinationIssueId, sourceProjectId,
// destinationProjectId, issueLinkType). Links are few per site, so they live in one meta document.
import type { RequestScope, SiteContext } from './context';
import { linkedIssueView } from './hierarchy';
import type { IssueLinkRecord, IssueLinkTypeSeed, IssueRecord } from './types';

/** Jira Cloud's default link types. */
export const DEFAULT_LINK_TYPES: IssueLinkTypeSeed[] = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
];

export const linkTypes = (site: SiteContext): IssueLinkTypeSeed[] => site.store.getMeta<IssueLinkTypeSeed[]>('issueLinkTypes') ?? DEFAULT_LINK_TYPES;

export function linkType(site: SiteContext, ref: { id?: unknown; name?: unknown }): IssueLinkTypeSeed | undefined {
  if (typeof ref.id === 'string' || typeof ref.id === 'number') return linkTypes(site).find((t) => t.id === String(ref.id));
  if (typeof ref.name === 'string') return linkTypes(site).find((t) => t.name.toLowerCase() === (ref.name as string).toLowerCase());
  return undefined;
}

/**
 * A new link type, as a Jira admin makes one (Settings → Issues → Issue linking, or POST
 * /rest/api/3/issueLinkType). Null when the name is in use (Jira compares names whatever their case).
 */
export function createLinkType(site: SiteContext, type: Omit<IssueLinkTypeSeed, 'id'>): IssueLinkTypeSeed | null {
  const types = linkTypes(site);
  if (types.some((t) => t.name.toLowerCase() === type.name.toLowerCase())) return null;
  const created = { id: String(Math.max(10_000, ...types.map((t) => Number(t.id) + 1))), ...type };
  site.store.setMeta('issueLinkTypes', [...types, created]);
  return created;
}

export function linkTypeView(site: SiteContext, t: IssueLinkTypeSeed): Record<string, unknown> {
  return { id: t.id, name: t.name, inward: t.inward, outward: t.outward, self: `${site.siteUrl}/rest/api/3/issueLinkType/${t.id}` };
}

export const allLinks = (site: SiteContext): IssueLinkRecord[] => site.store.getMeta<IssueLinkRecord[]>('issueLinks') ?? [];
const saveLinks = (site: SiteContext, links: IssueLinkRecord[]): void => site.store.setMeta('issueLinks', links);

export const linksOf = (site: SiteContext, issueId: string): IssueLinkRecord[] => allLinks(site).filter((l) => l.sourceId === issueId || l.destinationId === issueId);

function emitLink(scope: RequestScope, eventType: string, link: IssueLinkRecord): void {
  const { site } = scope;
  const source = site.store.issueById(link.sourceId);
  const destination = site.store.issueById(link.destinationId);
  const type = linkTypes(site).find((t) => t.id === link.typeId);
  const projectId = (i: IssueRecord | undefined) => (i ? site.catalog.projectByKey(i.projectKey).id : undefined);
  scope.events.push({
    eventType,
    actorAccountId: scope.user.accountId,
    payload: {
      eventType,
      id: link.id,
      sourceIssueId: link.sourceId,
      destinationIssueId: link.destinationId,
      sourceProjectId: projectId(source),
      destinationProjectId: projectId(destination),
      issueLinkType: type ? linkTypeView(site, type) : undefined,
      atlassianId: scope.user.accountId,
    },
  });
}

/**
 * Links `source` to `destination`. The same link made twice is one link (the docs leave the answer
 * to a repeat open; the emulator answers 201 and adds nothing). Both issues count as updated.
 */
export function createLink(scope: RequestScope, type: IssueLinkTypeSeed, source: IssueRecord, destination: IssueRecord): IssueLinkRecord {
  const { site } = scope;
  const links = allLinks(site);
  const same = links.find((l) => l.typeId === type.id && l.sourceId === source.id && l.destinationId === destination.id);
  if (same) return same;
  const link: IssueLinkRecord = { id: String(site.store.nextId('issuelink')), typeId: type.id, sourceId: source.id, destinationId: destination.id };
  saveLinks(site, [...links, link]);
  touch(scope, source);
  touch(scope, destination);
  emitLink(scope, 'avi:jira:created:issuelink', link);
  return link;
}

export function deleteLink(scope: RequestScope, link: IssueLinkRecord): void {
  saveLinks(scope.site, allLinks(scope.site).filter((l) => l.id !== link.id));
  for (const id of [link.sourceId, link.destinationId]) {
    const issue = scope.site.store.issueById(id);
    if (issue) touch(scope, issue);
  }
  emitLink(scope, 'avi:jira:deleted:issuelink', link);
}

/** A deleted issue takes its links with it. */
export function dropLinksOf(site: SiteContext, issueId: string): void {
  const links = allLinks(site);
  const kept = links.filter((l) => l.sourceId !== issueId && l.destinationId !== issueId);
  if (kept.length !== links.length) saveLinks(site, kept);
}

/** Jira moves `updated` when a link is made or removed, so JQL `updated >= …` finds both issues. */
function touch(scope: RequestScope, issue: IssueRecord): void {
  scope.site.store.putIssue({ ...issue, updated: scope.site.now() });
}

/** The `issuelinks` field of one issue: the other issue named `outwardIssue` when this one is the source. */
export function issueLinksView(scope: RequestScope, issue: IssueRecord): unknown[] {
  const { site } = scope;
  return linksOf(site, issue.id).flatMap((l) => {
    const type = linkTypes(site).find((t) => t.id === l.typeId);
    const outward = l.sourceId === issue.id;
    const other = site.store.issueById(outward ? l.destinationId : l.sourceId);
    if (!type || !other) return [];
    return [{ id: l.id, self: `${site.siteUrl}/rest/api/3/issueLink/${l.id}`, type: linkTypeView(site, type), [outward ? 'outwardIssue' : 'inwardIssue']: linkedIssueView(scope, other) }];
  });
}
