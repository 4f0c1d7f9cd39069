// The contract between the Custom UIs (static/*) and the backend resolvers: every key, its
// payload schema and its result type. The UIs import this file (types and schemas only; it has
// no Forge or Node import), the backend validates every payload with the same schemas.
import { z } from 'zod';

/** Every resolver answers with this envelope; `error.code` is stable, `message` is for people. */
export type ResolverResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ResolverErrorCode; message: string; details?: Array<{ path: string; message: string }> } };

export type ResolverErrorCode = 'invalid-payload' | 'forbidden' | 'not-found' | 'conflict' | 'invalid-rule' | 'partner-error' | 'unavailable';

const id = z.string().min(1).max(128);
const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be a Jira project key like ABC');
const contact = z.object({ name: z.string().min(1).max(255), role: z.enum(['accountable', 'responsible', 'informed']), email: z.email() });

const serviceNowConnect = z.object({
  instanceUrl: z.string().min(1).max(255),
  table: z.string().regex(/^[A-Za-z0-9_]{1,80}$/, 'must be a table name such as incident').default('incident'),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('basic'), username: z.string().min(1).max(255), password: z.string().min(1).max(1024) }).strict(),
    z.object({ kind: z.literal('oauth'), clientId: z.string().min(1).max(255), clientSecret: z.string().min(1).max(1024) }).strict(),
  ]),
  /** What resolving or closing a record sends (a Resolution code of the instance; notes, `{key}` = the Jira key). */
  resolution: z.object({ code: z.string().max(100).optional(), notes: z.string().max(1000).optional() }).strict().optional(),
  contacts: z.array(contact).max(20).optional(),
}).strict();

export const payloads = {
  // ---- issue panel (anyone who can see the issue reads; editors act) ----
  'panel/get': z.object({}).strict(),
  'panel/sync-now': z.object({ connectionId: id.optional() }).strict(),
  'panel/start': z.object({ connectionId: id }).strict(),
  // A Jira partner's issue key (GLX-12), or a ServiceNow record's number (INC0010001) or sys_id.
  'panel/link': z.object({ connectionId: id, partnerIssueKey: z.string().regex(/^(?:[A-Z][A-Z0-9_]*-\d+|[A-Z]{2,10}\d{4,}|[0-9a-f]{32})$/, 'must be an issue key like ABC-12 or a ServiceNow record number like INC0010001') }).strict(),
  'panel/unlink': z.object({ connectionId: id }).strict(),
  'panel/retry': z.object({ connectionId: id, errorId: id }).strict(),
  'panel/dismiss': z.object({ connectionId: id, errorId: id }).strict(),
  /** A partner's request to link its issue to this one: accept (the link is made and syncs both ways) or decline (the partner is told). */
  'panel/link-requests/accept': z.object({ connectionId: id, pairId: id }).strict(),
  'panel/link-requests/decline': z.object({ connectionId: id, pairId: id }).strict(),
  /** What starting to sync this issue would send the connection's partner: the panel's preview before "Start syncing". */
  'panel/preview': z.object({ connectionId: id }).strict(),

  // ---- admin page (Jira admins) ----
  'admin/connections/list': z.object({}).strict(),
  'admin/connections/invite': z.object({ contacts: z.array(contact).max(20).optional() }).strict(),
  'admin/connections/accept': z.object({ code: z.string().min(10).max(4096), contacts: z.array(contact).max(20).optional() }).strict(),
  'admin/connections/change': z.object({ connectionId: id, change: z.enum(['pause', 'resume', 'delete']) }).strict(),
  'admin/connections/contacts': z.object({ connectionId: id, local: z.array(contact).max(20), partner: z.array(contact).max(20) }).strict(),
  /** The connection's abuse limits (core/limits/limits.ts checks the same bounds); a limit left out keeps its default. */
  'admin/connections/limits': z.object({
    connectionId: id,
    limits: z.object({
      createsPerMinute: z.number().int().min(1).max(10_000).optional(),
      commentsPerMessage: z.number().int().min(1).max(500).optional(),
      attachmentsPerMessage: z.number().int().min(1).max(100).optional(),
      messageBytes: z.number().int().min(16 * 1024).max(512 * 1024).optional(),
      worklogsPerMessage: z.number().int().min(1).max(500).optional(),
    }).strict(),
  }).strict(),
  'admin/projects/list': z.object({}).strict(),
  'admin/rules/get': z.object({ connectionId: id, projectKey }).strict(),
  'admin/rules/save': z.object({ rule: z.unknown(), comment: z.string().max(500).default('') }).strict(),
  'admin/rules/restore': z.object({ connectionId: id, projectKey, version: z.number().int().positive(), comment: z.string().max(500).default('') }).strict(),
  'admin/rules/delegate': z.object({ connectionId: id, projectKey, allowed: z.boolean() }).strict(),
  /** A scope JQL clause as the editor holds it: Jira's parse errors, and how many of the project's issues it takes in. */
  'admin/rules/check-jql': z.object({ projectKey, jql: z.string().trim().min(1).max(2000) }).strict(),
  /** Rules as code (docs/rules-as-code.md): the connection's rules as one JSON document. */
  'admin/rules/export': z.object({ connectionId: id }).strict(),
  /** A rules document (JSON text) checked against this site and shown beside the current rules; `projectKeys` maps exported projects to ones here. */
  'admin/rules/import-preview': z.object({ connectionId: id, document: z.string().min(1).max(256 * 1024), projectKeys: z.record(projectKey, projectKey).optional() }).strict(),
  /** The same document applied: every rule saved as a new version, or none when any problem remains. */
  'admin/rules/import-apply': z.object({ connectionId: id, document: z.string().min(1).max(256 * 1024), projectKeys: z.record(projectKey, projectKey).optional(), comment: z.string().max(500).default('') }).strict(),
  'admin/preview': z.object({ connectionId: id, issueKey: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'must be an issue key like ABC-12') }).strict(),
  'admin/queue/list': z.object({ connectionId: id }).strict(),
  'admin/errors/list': z.object({ connectionId: id }).strict(),
  'admin/errors/retry': z.object({ connectionId: id, errorId: id }).strict(),
  'admin/errors/dismiss': z.object({ connectionId: id, errorId: id }).strict(),
  'admin/audit/list': z.object({ connectionId: id, cursor: z.string().max(2048).optional(), limit: z.number().int().min(1).max(100).default(25) }).strict(),
  'admin/bulk/start': z.object({ connectionId: id, projectKey }).strict(),
  'admin/bulk/status': z.object({ connectionId: id, projectKey }).strict(),
  'admin/kpis': z.object({ connectionId: id }).strict(),
  /** How many issues are linked on a connection (said before deleting it). */
  'admin/connections/linked-count': z.object({ connectionId: id }).strict(),
  /** Every partner link request waiting on this site, and the admin's answer to one. */
  'admin/link-requests/list': z.object({}).strict(),
  'admin/link-requests/accept': z.object({ connectionId: id, pairId: id }).strict(),
  'admin/link-requests/decline': z.object({ connectionId: id, pairId: id }).strict(),
  /** This site's organisation name as partners see it (Jira's site title or host when never set). */
  'admin/profile/get': z.object({}).strict(),
  'admin/profile/save': z.object({ name: z.string().trim().min(1).max(100) }).strict(),
  /** Sends this side's profile to the partner and asks for the partner's (old connections have none yet). */
  'admin/connections/refresh-profile': z.object({ connectionId: id }).strict(),
  /** People by account id (display names, cached) and a user search, for pickers and "created by" texts. */
  'admin/users/names': z.object({ accountIds: z.array(z.string().min(1).max(128)).max(50) }).strict(),
  'admin/users/search': z.object({ query: z.string().trim().min(1).max(100) }).strict(),

  // ---- project settings page (project admins, when delegated) ----
  /** The connections sharing this project: the delegated ones to edit, and who to ask for the others. */
  'project/connections/list': z.object({}).strict(),
  'project/rules/get': z.object({ connectionId: id }).strict(),
  'project/rules/save': z.object({ rule: z.unknown(), comment: z.string().max(500).default('') }).strict(),
  /** Jira's people for the rule editor's account pickers on a delegated project's page (bounded like the admin's). */
  'project/users/search': z.object({ connectionId: id, query: z.string().trim().min(1).max(100) }).strict(),
  'project/users/names': z.object({ connectionId: id, accountIds: z.array(z.string().min(1).max(128)).max(50) }).strict(),

  // ---- ServiceNow partners (Jira admins); credentials go in, never come back ----
  'admin/connections/servicenow': serviceNowConnect,
  'admin/connections/servicenow-test': serviceNowConnect,
  /** A connected instance's settings (codes, closing states, each rule's code per state); refresh re-reads them from the instance (refreshServiceNowProfile). */
  'admin/connections/servicenow-settings': z.object({ connectionId: id }).strict(),
  'admin/connections/servicenow-refresh': z.object({ connectionId: id }).strict(),
  /** The rule's code and notes per resolving state (keyed by the state's label), saved as a new rule version. */
  'admin/connections/servicenow-resolutions': z.object({
    connectionId: id, projectKey,
    resolutions: z.record(z.string().min(1).max(100), z.object({ code: z.string().trim().min(1).max(100), notes: z.string().max(1000).optional() }).strict()).refine((r) => Object.keys(r).length <= 20, 'at most 20 states'),
  }).strict(),
} as const;

export type ResolverKey = keyof typeof payloads;
export type PayloadOf<K extends ResolverKey> = z.input<(typeof payloads)[K]>;
export const resolverKeys = Object.keys(payloads) as ResolverKey[];

// ---------------------------------------------------------------------------------------------
// Result shapes (`data` of a successful ResolverResult), per key.

export type Contact = z.infer<typeof contact>;

/** A Jira account with the name people know it by (the id itself when Jira could not say). */
export type AccountView = { accountId: string; displayName: string };

/** The partner's values a rule editor offers in dropdowns (names, of the partner's shared projects). */
export type PartnerCatalogView = {
  statuses: string[]; priorities: string[]; issueTypes: string[];
  /** This project's components and versions (the editor's local choices; absent for a partner). */
  components?: string[]; versions?: string[];
  /** The site's issue link types (local choices only; absent when they could not be read: typed then). */
  linkTypes?: string[];
  /** The project's request types (absent for a project that is no service desk, or when Jira did not answer). */
  requestTypes?: string[];
};

/**
 * Who the partner is, as the partner said (signed, in the handshake or a `profile` message).
 * `name`/`site` null and `updatedAt` null: no profile received yet (an older connection). A
 * ServiceNow partner's name and site are its instance; its catalog is empty.
 */
export type PartnerProfileView = { name: string | null; site: string | null; contacts: Contact[]; catalog: PartnerCatalogView; updatedAt: number | null };

/** This site as partners see it. `name` is what the admin set, else `defaultName` (from the site). */
export type SiteProfileView = { name: string; defaultName: string; site: string | null };

export type ConnectionView = {
  id: string;
  /** How people call the partner: `Globex (globex.atlassian.net)`, `initech (ServiceNow)`; before a profile arrives `Jira partner · 851ca479`. */
  displayName: string;
  partner: PartnerProfileView;
  partnerKind: 'jira' | 'servicenow';
  partnerEndpoint: string | null;
  /** ServiceNow partners: the table records are mirrored with (credentials never leave the backend). */
  table?: string;
  /** `ended`: the partner deleted the connection on its side (at `endedAt`); only deleting is left here. */
  state: 'pending' | 'active' | 'paused' | 'ended';
  endedAt?: number;
  role: 'inviter' | 'acceptor';
  createdAt: number;
  createdBy: string;
  /** `createdBy` with its display name (absent for a non-account actor). */
  createdByUser?: AccountView;
  contacts: { local: Contact[]; partner: Contact[] };
  /** `lastExchangeAt`: the newest of a change sent, a change received and a health ping; the first two also apart. */
  health: { backlog: number; errors: number; lastExchangeAt: number | null; lastSentAt?: number | null; lastReceivedAt?: number | null };
  /** Projects with a sharing rule on this connection, and whether project admins may edit it. */
  projects: Array<{ projectKey: string; version: number; delegated: boolean }>;
  /** What the partner may send on this connection (the admin's values, else the defaults); over them it is refused and retries later. */
  limits?: ConnectionLimitsView;
};

export type ConnectionLimitsView = { createsPerMinute: number; commentsPerMessage: number; attachmentsPerMessage: number; messageBytes: number; worklogsPerMessage: number };

export type SyncErrorView = {
  id: string; at: number; connectionId: string; pairId: string | null; field: string; value: string; reason: string; retryable: boolean;
  /** What people call `field` here (a custom field's Jira name), when known. */
  fieldName?: string;
  /** The error in plain words, written around who can fix it (src/app/error-wording.ts). */
  wording?: ErrorWordingView;
  /** The issues on both sides, for the admin's error list (absent when the error names no pair). */
  issue?: { localKey: string | null; partnerKey: string | null; partnerUrl: string | null };
};

/**
 * `what`: one sentence naming who must fix it ("Globex must fix this: their rule has no account for
 * Acme Agent Two — contact Globex Service Lead (lead@globex.example)."). `fixBy` `nobody`: a notice
 * (a text cut to Jira's limit, a link the partner declined). `cause` groups errors of one cause;
 * `retryable`: Retry can help (now, or once the partner has fixed it, as `retryHint` says).
 */
export type ErrorWordingView = { cause: string; title: string; what: string; fixBy: 'us' | 'partner' | 'nobody'; partnerName?: string; contact?: string; retryable: boolean; retryHint?: string };

export type PartnerKind = ConnectionView['partnerKind'];

export type PanelLinkView = {
  connectionId: string;
  /** The connection's `displayName` (ConnectionView). */
  partnerName?: string;
  /**
   * `url`: the partner issue's own page, when the partner told us (endpoint is only its inbox).
   * ServiceNow: `endpoint` is the instance, `issueKey` the record number (INC0010001), `issueId`
   * its sys_id and `table` the table it lives in (null when not known yet).
   */
  partner: { kind: PartnerKind; endpoint: string | null; issueKey: string | null; issueId: string | null; url: string | null; table: string | null };
  state: 'in-sync' | 'pending' | 'failed' | 'unlinked';
  lastSentAt: number | null;
  lastReceivedAt: number | null;
  errors: SyncErrorView[];
  /** Field keys shared per direction under this side's rule. */
  shared: { out: string[]; in: string[] };
  /** The connection the link is on (absent: taken as active). */
  connection?: PanelConnectionView;
  /** The partner's links to issues it does not share ("Related outside": their key and the link's words only), when its rule notes them. */
  relatedOutside?: Array<{ key: string; phrase: string }>;
  /**
   * The partner's SLAs on its issue, as last received (read-only: never written here). A running one
   * counts down to `breachAt`; otherwise `remainingMs` (negative: over the goal) is as of `readAt`.
   * `projected`: read running, and its breach time has passed since (no issue event reports that), so
   * it is shown breached as of the panel's read (`remainingMs` then at that read), the partner's last
   * read still at `readAt` (the panel's "as of").
   */
  partnerSla?: Array<{ name: string; goalMs: number; state: 'running' | 'paused' | 'met' | 'breached'; breachAt: number | null; remainingMs: number; readAt: number; projected?: true }>;
};

/** What the issue panel needs of a connection: its state and whom an agent asks on this side. */
export type PanelConnectionView = {
  state: ConnectionView['state'];
  /** When the partner ended the connection (`state` ended). */
  endedAt?: number;
  /** This side's contacts for the connection: whom an agent asks to widen the scope or the pilot. */
  contacts: Contact[];
};

/**
 * Why an issue does not sync yet on a connection whose rule covers its project, in a form the panel
 * turns into "how to get in": the values the rule accepts, the pilot's labels and issue keys.
 */
export type PanelScopeHelp =
  | { kind: 'manual-start' }
  | { kind: 'issue-type' | 'status'; current: string | null; allowed: string[] }
  | { kind: 'labels'; allowed: string[] }
  | { kind: 'pilot'; labels: string[]; issueKeys: string[] }
  | { kind: 'connection'; state: 'pending' | 'paused' | 'ended' }
  | { kind: 'other'; reason: string };

/** A partner asked to link its issue to an existing one here; nothing syncs until someone accepts. */
export type LinkRequestView = { connectionId: string; pairId: string; localIssueKey: string; partnerIssueKey: string; partnerIssueUrl: string | null; requestedAt: number };

export type PanelView = {
  issue: { id: string; key: string; projectKey: string };
  links: PanelLinkView[];
  /** Partner requests to link to this issue, waiting for an agent's answer. */
  linkRequests?: LinkRequestView[];
  /**
   * Connections whose rule covers this project but with no pair yet. `partnerKind` (Jira when
   * absent), `partnerEndpoint` and `partnerTable` say what a link would point at.
   */
  available: Array<{ connectionId: string; inScope: boolean; reason: string | null; partnerKind?: PartnerKind; partnerEndpoint?: string | null; partnerTable?: string | null; partnerName?: string;
    /** What keeps the issue from syncing (absent when nothing does); `reason` says it in one line. */
    help?: PanelScopeHelp;
    connection?: PanelConnectionView;
  }>;
  canAct: boolean;
  /** Names of the custom fields the links share (absent when none is shared or Jira could not say). */
  fieldCatalog?: Array<{ key: string; name: string }>;
};

export type RuleVersionView = { version: number; author: string; at: number; comment: string; restoredFrom: number | null; rule: unknown; authorUser?: AccountView };
export type RuleView = {
  connectionId: string; projectKey: string; current: RuleVersionView | null; history: RuleVersionView[]; delegated: boolean; fieldCatalog: Array<{ key: string; name: string }>;
  /** The values the rule editor's dropdowns offer: this project's, and the partner's (null: not shared yet). */
  choices?: { local: PartnerCatalogView; partner: PartnerCatalogView | null };
};

export type RuleProblemView = { path: string; message: string };
/** One rule of an import: where it lands, the rule there now and the rule it would become (null: refused), and what is wrong. */
export type RulesImportRuleView = {
  index: number; sourceProjectKey: string; projectKey: string; currentVersion: number | null; before: unknown; after: unknown; unchanged: boolean; problems: RuleProblemView[];
};
export type RulesImportPreview = { rules: RulesImportRuleView[]; problems: RuleProblemView[] };
export type RulesImportResult = { applied: Array<{ projectKey: string; version: number }>; unchanged: string[] };
export type JqlCheckView = { errors: string[]; count: number | null };

export type PreviewView = {
  issueKey: string;
  inScope: boolean;
  scopeReason: string | null;
  fields: Array<{ field: string; value: unknown; text: string }>;
  comments: Array<{ id: string; internal: boolean; text: string }>;
  withheld: Array<{ field: string; reason: string }>;
  /** Parent, children and links in plain words, each saying whether it leaves (absent when the rule shares neither parents nor links). */
  relations?: Array<{ text: string; sent: boolean }>;
  /** The worklogs that would be sent, one line each (absent when the rule shares no worklogs). */
  worklogs?: Array<{ id: string; text: string }>;
  /** Names of the custom fields listed (the issue panel's preview; absent when none or Jira could not say). */
  fieldNames?: Array<{ key: string; name: string }>;
};

/** `issue`: the issues on both sides; `lastErrorText`: `lastError` in plain words (no codes). */
export type QueueEntryView = { id: string; pairId: string; seq: number; kind: string; attempts: number; nextTryAt: number; lastError: string | null; createdAt: number; issue?: SyncErrorView['issue']; lastErrorText?: string };
/** `actorUser`: who acted, by name: a Jira account's display name, or for `partner` the connection's name (absent for `sync`). */
export type AuditEntryView = { id: string; at: number; actor: string; action: string; subject: string; detail: string; actorUser?: AccountView };
export type AuditPage = { items: AuditEntryView[]; cursor: string | null };
/** `failed`: a page kept failing (see `error`); starting again resumes where it stopped. */
export type BulkStatus = {
  state: 'idle' | 'running' | 'done' | 'failed'; total: number; processed: number; queued: number; startedAt: number | null; finishedAt: number | null; error?: string;
  /**
   * Of the `queued` changes: the partner acknowledged `delivered`, refused `refused` for good (in the
   * error list), and `waiting` still wait in the queue now. Absent on runs recorded before these counts.
   */
  delivered?: number; refused?: number; waiting?: number;
  /** Left the queue since the run sent them (delivered, or refused into the error list). */
  throughQueue?: number;
  /** Issues in the project now (said in the confirmation before a run starts); absent while one runs. */
  issuesInProject?: number;
};
export type KpiView = {
  latencyMs: { p50: number | null; p95: number | null; samples: number };
  perDay: Array<{ day: string; out: number; in: number }>;
  errorRate: number;
  backlog: number;
  /** Changes sent (acknowledged by the partner) and received (applied here) in the chart's days. */
  changes?: { sent: number; received: number };
};
/** Linked issues of a connection (pairs not unlinked); `capped`: there are at least this many. */
export type LinkedCountView = { linked: number; capped: boolean };
/** The project settings page: connections whose rule of this project its admins may edit, and who decides for the rest. */
export type ProjectConnectionsView = {
  projectKey: string;
  delegated: ConnectionView[];
  /** Connections sharing this project that the Jira admins did not delegate: whom to ask. */
  others: Array<{ connectionId: string; displayName: string; askWhom: Contact[] }>;
};
export type ProjectView = { key: string; name: string };
