// Who a site is, as it tells its partner: its organisation name, its site, the people to call and
// the values its rules speak (statuses, priorities, issue types, components and versions of the
// shared projects), so the partner's admin picks from a list instead of guessing. Everything here
// came from the partner: bounded in count and length, and the whole profile in bytes, whatever the
// partner sends.
import { z } from 'zod';
import { contactSchema } from '../contact';

/** Per list of the catalog; a site with more statuses than this shares the first ones. */
export const CATALOG_MAX_VALUES = 200;
export const PROFILE_NAME_MAX = 100;
export const PROFILE_CONTACTS_MAX = 20;
/** The canonical profile JSON a sender keeps under (it drops catalog values from the end to fit). */
export const PROFILE_MAX_BYTES = 48 * 1024;

const value = z.string().min(1).max(255);
const list = z.array(value).max(CATALOG_MAX_VALUES);
/**
 * Lists a later version may add are dropped unread rather than refused (`strip`), so a newer
 * partner's profile still lands here; what is read is bounded all the same. Components and versions
 * are optional: a partner from before they were shared sends none.
 */
export const catalogSchema = z.object({
  statuses: list,
  priorities: list,
  issueTypes: list,
  /** Names of the shared projects' components. */
  components: list.optional(),
  /** Names of the shared projects' versions (fix and affects versions take them from one list). */
  versions: list.optional(),
}).strip();

export const profileSchema = z.object({
  name: z.string().trim().min(1).max(PROFILE_NAME_MAX),
  /** The site's own address (`https://globex.atlassian.net`): the partner links to issues there and nowhere else. */
  site: z.url({ protocol: /^https$/ }).max(2048),
  contacts: z.array(contactSchema).max(PROFILE_CONTACTS_MAX),
  catalog: catalogSchema,
}).strict();

/** What the receiver keeps on the connection: the profile and when it arrived. */
export const storedProfileSchema = profileSchema.extend({ updatedAt: z.number().int().nonnegative() });

export type ValueCatalog = z.infer<typeof catalogSchema>;
export type PartnerProfile = z.infer<typeof profileSchema>;
export type StoredProfile = z.infer<typeof storedProfileSchema>;

export const EMPTY_CATALOG: ValueCatalog = { statuses: [], priorities: [], issueTypes: [] };

/** `https://globex.atlassian.net/jira/x` → `https://globex.atlassian.net`; null for anything not https. */
export function siteOrigin(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password ? u.origin : null;
  } catch {
    return null;
  }
}

const bytes = (p: PartnerProfile): number => new TextEncoder().encode(JSON.stringify(p)).length;

/** Unique, sorted-as-given values, each list cut to the cap. */
function tidy(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0 && v.length <= 255))].slice(0, CATALOG_MAX_VALUES);
}

/**
 * The profile a sender may send: lists deduplicated and capped, then catalog values dropped from
 * the longest list until the whole fits PROFILE_MAX_BYTES, so a receiver never has to refuse it.
 */
export function boundProfile(p: PartnerProfile): PartnerProfile {
  const out: PartnerProfile = {
    name: p.name.trim().slice(0, PROFILE_NAME_MAX),
    site: p.site,
    contacts: p.contacts.slice(0, PROFILE_CONTACTS_MAX),
    catalog: boundCatalog(p.catalog),
  };
  while (bytes(out) > PROFILE_MAX_BYTES) {
    const lists = [out.catalog.statuses, out.catalog.priorities, out.catalog.issueTypes, out.catalog.components ?? [], out.catalog.versions ?? []];
    const longest = lists.reduce((a, b) => (b.length > a.length ? b : a));
    if (longest.length === 0) break;
    longest.pop();
  }
  return out;
}

/** Each list deduplicated and capped; components and versions only when there are any. */
function boundCatalog(c: ValueCatalog): ValueCatalog {
  const components = tidy(c.components ?? []);
  const versions = tidy(c.versions ?? []);
  return {
    statuses: tidy(c.statuses), priorities: tidy(c.priorities), issueTypes: tidy(c.issueTypes),
    ...(components.length > 0 ? { components } : {}),
    ...(versions.length > 0 ? { versions } : {}),
  };
}

/** The catalog of several projects' metadata in one: each value once, in first-seen order. */
export function mergeCatalogs(parts: ValueCatalog[]): ValueCatalog {
  return boundCatalog({
    statuses: parts.flatMap((p) => p.statuses),
    priorities: parts.flatMap((p) => p.priorities),
    issueTypes: parts.flatMap((p) => p.issueTypes),
    components: parts.flatMap((p) => p.components ?? []),
    versions: parts.flatMap((p) => p.versions ?? []),
  });
}
