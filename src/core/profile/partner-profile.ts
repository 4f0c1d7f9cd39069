// Who a site is, as it tells its partner: its organisation name, its site, the people to call and
// the values its rules speak (statuses, priorities, issue types, components and versions of the
// shared projects), so the partner's admin picks from a list instead of guessing. Everything here
// came from the partner: bounded in count and length, and the whole profile in bytes, whatever the
// partner sends.
import { z } from 'zod';
import { contactSchema } from '../contact';
import { hashOf } from '../hash';
import { UNKNOWN_FIELD_KEY, UNKNOWN_FIELDS_DROPPED, UNKNOWN_FIELDS_MAX } from '../protocol/unknown-fields';

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
  /** Names of the request types of the shared service desks whose rule sends the request type (the partner maps them to its own). */
  requestTypes: list.optional(),
}).strip();

export const profileSchema = z.object({
  name: z.string().trim().min(1).max(PROFILE_NAME_MAX),
  /** The site's own address (`https://globex.atlassian.net`): the partner links to issues there and nowhere else. */
  site: z.url({ protocol: /^https$/ }).max(2048),
  contacts: z.array(contactSchema).max(PROFILE_CONTACTS_MAX),
  catalog: catalogSchema,
}).strict();

/**
 * The optional parts of a profile this version reads, announced as `accepts` beside every profile
 * it sends (hello, welcome, profile message; and in the invitation code). A version from before
 * these lists (9e9be9f and older) refuses a catalog carrying them (`.strict()`), even in the
 * handshake, and partners upgrade at different times (a new scope makes this a major version, which
 * "won't be applied to a site until its admin consents", while minor versions roll out by
 * themselves: https://developer.atlassian.com/platform/forge/versions/), so a list goes only to a
 * partner that announced it. Old versions drop an
 * unknown `accepts` unread: message bodies and invitation codes were never strict.
 */
// 'field.timespent': replica messages may carry the time spent field; 'fields.unknown-dropped': this
// version drops a field key it does not know and applies the rest (core/sync/partner-reads.ts,
// core/protocol/unknown-fields.ts). Every version that announces also reads a worklogsPerMessage
// refusal (cf33b9b came before the announcement): an unannounced sender is answered otherwise
// (core/sync/old-sender-worklogs.ts).
export const PROFILE_ACCEPTS = ['catalog.components', 'catalog.versions', 'catalog.requestTypes', 'field.timespent', UNKNOWN_FIELDS_DROPPED] as const;
/**
 * A partner's announcement, bounded; names this version does not know are kept and never matter.
 * Versions since c958759 refuse a hello or profile whose list is longer or whose names are longer:
 * an announcement must stay within 32 names of at most 64 characters, whatever is added later.
 */
export const acceptsSchema = z.array(z.string().min(1).max(64)).max(32);
export type Accepts = z.infer<typeof acceptsSchema>;

/**
 * What the receiver keeps on the connection: the profile, when it arrived and what the partner
 * announced it reads (absent: it announced nothing, so it gets only what every version reads).
 */
export const storedProfileSchema = profileSchema.extend({
  updatedAt: z.number().int().nonnegative(),
  accepts: acceptsSchema.optional(),
  /**
   * Field keys the partner's acks said it dropped as unknown (a version older than this one that
   * drops rather than refuses): not sent while this announcement stands; a changed one forgets them.
   */
  ignores: z.array(z.string().regex(UNKNOWN_FIELD_KEY)).max(UNKNOWN_FIELDS_MAX).optional(),
});

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
    const lists = [out.catalog.statuses, out.catalog.priorities, out.catalog.issueTypes, out.catalog.components ?? [], out.catalog.versions ?? [], out.catalog.requestTypes ?? []];
    const longest = lists.reduce((a, b) => (b.length > a.length ? b : a));
    if (longest.length === 0) break;
    longest.pop();
  }
  return out;
}

/**
 * The profile to send a partner that announced `partnerAccepts` (undefined or null: nothing, an
 * older version): the optional lists it did not announce are left out before the profile is bounded.
 */
export function profileFor(p: PartnerProfile, partnerAccepts: readonly string[] | null | undefined): PartnerProfile {
  const takes = (part: (typeof PROFILE_ACCEPTS)[number]): boolean => partnerAccepts?.includes(part) === true;
  const { components, versions, requestTypes, ...always } = p.catalog;
  const catalog: ValueCatalog = {
    ...always,
    ...(components && takes('catalog.components') ? { components } : {}),
    ...(versions && takes('catalog.versions') ? { versions } : {}),
    ...(requestTypes && takes('catalog.requestTypes') ? { requestTypes } : {}),
  };
  return boundProfile({ ...p, catalog });
}

/**
 * What `profileSentHash` keeps: the profile as sent with this version's announcement, so a site
 * that starts reading more after an upgrade sends its profile once more and the partner learns it.
 */
export const sentProfileHash = (sent: PartnerProfile): string => hashOf({ profile: sent, accepts: PROFILE_ACCEPTS });

/** Each list deduplicated and capped; components, versions and request types only when there are any. */
function boundCatalog(c: ValueCatalog): ValueCatalog {
  const components = tidy(c.components ?? []);
  const versions = tidy(c.versions ?? []);
  const requestTypes = tidy(c.requestTypes ?? []);
  return {
    statuses: tidy(c.statuses), priorities: tidy(c.priorities), issueTypes: tidy(c.issueTypes),
    ...(components.length > 0 ? { components } : {}),
    ...(versions.length > 0 ? { versions } : {}),
    ...(requestTypes.length > 0 ? { requestTypes } : {}),
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
    requestTypes: parts.flatMap((p) => p.requestTypes ?? []),
  });
}
