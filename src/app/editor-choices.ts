// Lists the rule editor offers that Jira holds outside a project's metadata: the site's issue link
// types (GET /rest/api/3/issueLinkType, one call for the site) and a service desk's request types
// (two JSM calls). Kept in KVS as project metadata is (the same 10 minutes), so opening the editor
// again costs one storage read per list, not Jira calls. Each save check reads Jira itself, so a
// value added in the last minutes is still accepted when typed; these lists only decide what the
// editor offers, and a list Jira could not give is left out (the editor then takes typed values).
import { KvsTtlCache } from '../adapters/forge';
import type { Tracker } from '../core/ports/tracker';
import { METADATA_TTL_SECONDS } from './sync-deps';

/** `names` null: the tracker says there is no such list here (a project that is no service desk). */
type Listed = { names: string[] | null };
export type ChoiceCache = { read(id: string): Promise<Listed | null>; write(id: string, value: Listed): Promise<void> };

/** Versioned as the metadata cache is: a new cached shape gets new keys. */
const choiceCache = (): ChoiceCache => new KvsTtlCache<Listed>({ namespace: 'jira-editor-lists-v1', ttlSeconds: METADATA_TTL_SECONDS });

async function cached(cache: ChoiceCache, id: string, what: string, read: () => Promise<string[] | null>): Promise<string[] | null | undefined> {
  const hit = await cache.read(id).catch(() => null);
  if (hit) return hit.names;
  try {
    const names = await read();
    // Only a convenience: a failed write costs the next opening the Jira read again, nothing else.
    await cache.write(id, { names }).catch((e: unknown) => console.warn(`liaison: the ${what} could not be cached: ${(e as Error).message}`));
    return names;
  } catch (e) {
    console.warn(`liaison: the ${what} could not be read for the rule editor: ${(e as Error).message}`);
    return undefined;
  }
}

/** The site's link type names; undefined where they cannot be known (no issue links here, or Jira did not answer). */
export async function linkTypeChoices(tracker: Pick<Tracker, 'linkTypeNames'>, cache: ChoiceCache = choiceCache()): Promise<string[] | undefined> {
  const read = tracker.linkTypeNames?.bind(tracker);
  if (!read) return undefined;
  return (await cached(cache, 'link-types', 'link types', read)) ?? undefined;
}

/** The project's request type names; undefined for a project that is no service desk, or when Jira did not answer. */
export async function requestTypeChoices(tracker: Pick<Tracker, 'requestTypeNames'>, projectKey: string, cache: ChoiceCache = choiceCache()): Promise<string[] | undefined> {
  const read = tracker.requestTypeNames?.bind(tracker);
  if (!read) return undefined;
  return (await cached(cache, `request-types:${projectKey}`, `request types of ${projectKey}`, () => read(projectKey))) ?? undefined;
}
