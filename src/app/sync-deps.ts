// The composition root: the core's ports on Forge (KVS, queues, fetch, secrets) and Jira REST.
// Built once per invocation, so per-invocation caches die with the invocation.
import { webTrigger } from '@forge/api';
import { KvsLimitCounters } from '../adapters/forge/kvs-limit-counters';
import { KvsLinkRequests } from '../adapters/forge/kvs-link-requests';
import { KvsRelationWaits } from '../adapters/forge/kvs-relation-waits';
import { KvsRouteStore, KvsTtlCache, RoutedConfig, createForgeAdapters, fetchAttachmentSource, prefetch, type ForgeAdapters } from '../adapters/forge';
import { FULL_READ, JiraTracker, forgeJiraHttp, readPlanFor, type AttachmentSlice, type AttachmentSource, type CachedMetadata, type MetadataCache, type ReadPlan } from '../adapters/jira';
import type { IssueReadAhead } from '../adapters/jira/issue-project';
import { buildAttachmentRef, type AttachmentRefBuilder } from '../core/protocol/attachment-ref';
import type { SharingRule } from '../core/rules/schema';
import type { SyncDeps } from '../core/sync/deps';
import { QUEUES, WEBTRIGGERS } from './module-keys';
import { relayAtOnce } from './relay';
import { bringLater } from './bring-children';
import { resendLater } from './resend-parts';
import { serviceNowRouteExtra } from './servicenow/settings';
import { siteProfileSource } from './site-profile';
import { withServiceNowPeers } from './servicenow/route-transport';

/** The core's ports, with the Forge adapters' extra operations (paging, queue events, route rebuilds) kept visible. */
export type AppDeps = SyncDeps & Omit<ForgeAdapters, 'config' | 'secrets'> & { config: RoutedConfig; secrets: RoutedConfig; linkRequests: KvsLinkRequests };

/**
 * Project metadata (6+ Jira reads) shared across invocations for a short while: schemes change
 * rarely, and a rule save refreshes it (withFreshMetadata). Versioned namespace: a new cached shape
 * gets new keys.
 */
export const METADATA_TTL_SECONDS = 600;
const metadataCache = (): KvsTtlCache<CachedMetadata> & MetadataCache => new KvsTtlCache<CachedMetadata>({ namespace: 'jira-meta-v1', ttlSeconds: METADATA_TTL_SECONDS });

/** The rule schema's default cap, for a connection whose rules accept no attachments (they are refused earlier). */
const DEFAULT_INCOMING_ATTACHMENT_BYTES = 10 * 1024 * 1024;

type Incoming = { source: AttachmentSource; maxBytes: number };
const jiraTracker = (read: ReadPlan, fresh = false, attachments?: Incoming, cache: MetadataCache = metadataCache(), readAhead?: IssueReadAhead) =>
  new JiraTracker({ http: forgeJiraHttp(), read, metadataCache: { cache, fresh }, ...(attachments ? { attachments } : {}), ...(readAhead ? { readAhead } : {}) });

/**
 * Incoming attachment refs are fetched only from `endpoint()` — the partner's web trigger recorded at
 * connect, or this site's own inbox for its ServiceNow peer — signed with the connection's secret.
 */
export function partnerAttachmentSource(deps: SyncDeps, connectionId: string, maxBytes: number, endpoint: () => Promise<string | null | undefined>): AttachmentSource {
  return fetchAttachmentSource({
    maxBytes,
    now: () => deps.clock.now(),
    expect: async () => {
      const [url, secret] = await Promise.all([endpoint(), deps.secrets.getConnectionSecret(connectionId)]);
      return url && secret ? { endpoint: url, connectionId, secret } : null;
    },
  });
}

/** This site's own inbox URL (the web trigger partners POST to and fetch attachment chunks from). */
export const ownInboxUrl = (): Promise<string> => webTrigger.getUrl(WEBTRIGGERS.inbox);

/** Outgoing attachment refs point at this site's own inbox; its URL is looked up once per invocation. */
function attachmentRefBuilder(): AttachmentRefBuilder {
  let inbox: Promise<string> | null = null;
  return async (parts, secret) => buildAttachmentRef(await (inbox ??= ownInboxUrl()), secret, parts);
}

export function syncDeps(options: { rules?: SharingRule[]; transportTimeoutMs?: number } = {}): AppDeps {
  const adapters = createForgeAdapters({ outboxQueue: QUEUES.outbox, ...(options.transportTimeoutMs ? { transport: { timeoutMs: options.transportTimeoutMs } } : {}) });
  const tracker = jiraTracker(options.rules && options.rules.length > 0 ? readPlanFor(options.rules) : FULL_READ);
  const routed = new RoutedConfig(adapters.config, adapters.secrets, new KvsRouteStore(), {
    onRouteError: (key, e) => console.warn(`liaison: the ${key.kind} route ${key.id} could not be stored: ${(e as Error).message}`),
    // A ServiceNow connection's instance settings ride along, so its peer needs no read of its own.
    extra: (c) => (c.partnerKind === 'servicenow' ? serviceNowRouteExtra(c.id) : Promise.resolve(undefined)),
  });
  return withServiceNowPeers({
    ...adapters, config: routed, secrets: routed, tracker, attachmentRef: attachmentRefBuilder(), linkRequests: new KvsLinkRequests(), limits: new KvsLimitCounters(), relationWaits: new KvsRelationWaits(),
    // Read only when a profile is sent or asked for (connect, a change, a partner's refresh).
    profiles: siteProfileSource({ config: routed, tracker }),
    // A partner's change reaches the project's other partners (the partner inbox collects instead: app/relay.ts).
    relay: relayAtOnce,
    // A parent's children brought along as background work, when its rule says so.
    bring: bringLater,
    // A partner that upgraded gets what this side withheld from its old version, paced.
    resend: resendLater,
  });
}

/** A tracker reading what these rules share (the preview reads an issue as its rule's sync would). */
export const trackerForRules = (rules: readonly SharingRule[]): JiraTracker => jiraTracker(readPlanFor(rules));

/** The same deps, with a tracker that reads project metadata from Jira and refreshes the cache. */
export function withFreshMetadata(deps: AppDeps): AppDeps {
  return { ...deps, tracker: jiraTracker(FULL_READ, true) };
}

/** One byte range of a local attachment and the file's size (see JiraTracker.attachmentRange). */
export type AttachmentRangeReader = (attachmentId: string, offset: number, length: number, size: number) => Promise<AttachmentSlice>;

/**
 * `pairIds`: the pairs a partner's message names (read ahead, see attachmentDepsForConnection).
 * `attachmentSource`: where incoming attachment refs are read (a ServiceNow peer's instance);
 * by default the partner's signed inbox links, through Forge fetch.
 */
export type ConnectionHint = {
  pairIds?: string[];
  attachmentSource?: AttachmentSource;
  /** This invocation's deps, to share their configuration routes and storage reads (a ServiceNow peer's Jira side). */
  reuse?: SyncDeps;
};

const isAppDeps = (d: SyncDeps | undefined): d is AppDeps => d !== undefined && d.config instanceof RoutedConfig && 'primePair' in d.store;

/**
 * Deps for a partner's message on `connectionId`: the tracker reads every field the connection's
 * rules share. A read with less would see an unread field as empty, and a partner clearing that
 * field would look like no change here.
 */
export async function syncDepsForConnection(connectionId: string, hint: ConnectionHint = {}): Promise<AppDeps> {
  return (await attachmentDepsForConnection(connectionId, hint)).deps;
}

/**
 * The connection's deps plus the Jira-only read of a local attachment's bytes. The tracker fetches
 * incoming attachment content from the partner's refs; the largest incoming cap of the connection's
 * rules bounds it (each rule's own cap is checked by the planner first).
 *
 * `hint.pairIds`: the pairs a partner's message names (a batch names several). They and the
 * metadata of the connection's projects are read ahead in one batch, which the apply would
 * otherwise read one by one.
 */
export async function attachmentDepsForConnection(connectionId: string, hint: ConnectionHint = {}): Promise<{ deps: AppDeps; content: AttachmentRangeReader }> {
  const base = isAppDeps(hint.reuse) ? hint.reuse : syncDeps();
  const rules = await base.config.currentRules(connectionId);
  const caps = rules.filter((r) => r.incoming.attachments.enabled).map((r) => r.incoming.attachments.maxBytes);
  const maxBytes = caps.length > 0 ? Math.max(...caps) : DEFAULT_INCOMING_ATTACHMENT_BYTES;
  const cache = metadataCache();
  if (hint.pairIds && hint.pairIds.length > 0) {
    const projects = [...new Set(rules.flatMap((r) => [r.projectKey, ...(r.incoming.create ? [r.incoming.create.projectKey] : [])]))];
    // Only an optimisation: if the batch fails, each read is simply made on its own.
    const window = base.limits instanceof KvsLimitCounters ? { window: { counters: base.limits, connectionId } } : {};
    await prefetch({ pairs: { store: base.store, connectionId, ids: hint.pairIds }, cache: { cache, ids: projects }, ...window }).catch((e: unknown) => console.warn(`liaison: read-ahead failed, reading one by one: ${(e as Error).message}`));
  }
  const source = hint.attachmentSource ?? partnerAttachmentSource(base, connectionId, maxBytes, async () => (await base.config.getConnection(connectionId))?.partnerEndpoint);
  const tracker = jiraTracker(rules.length > 0 ? readPlanFor(rules) : FULL_READ, false, { source, maxBytes }, cache);
  return { deps: { ...base, tracker }, content: (id, offset, length, size) => tracker.attachmentRange(id, offset, length, size) };
}

/**
 * Deps whose tracker reads only what the project's rules share: the rules are read first (and
 * memoised, so the core's own read of them costs nothing more).
 */
/**
 * `transportTimeoutMs`: how long one send to the partner may wait (the trigger waits less than a consumer).
 * `readAhead`: the issue already read with every field (an event naming it by id), decoded under the project's plan.
 */
export async function syncDepsForProject(projectKey: string, options: { transportTimeoutMs?: number; readAhead?: IssueReadAhead } = {}): Promise<AppDeps> {
  const base = syncDeps(options);
  const rules = await base.config.rulesForProject(projectKey);
  return { ...base, tracker: jiraTracker(rules.length > 0 ? readPlanFor(rules) : FULL_READ, false, undefined, undefined, options.readAhead) };
}
