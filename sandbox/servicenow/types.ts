// Shapes shared by the ServiceNow instance emulator: requests and responses (compatible with the
// sandbox platform's HostHandler), the seed an instance starts from, and change notifications.

/** Every field value a ServiceNow record holds is a string, as the Table API returns it. */
export type SnRecord = Record<string, string>;

export interface SnRequest {
  method: string;
  /** Path with query string, e.g. `/api/now/table/incident?sysparm_limit=1`. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Exact body bytes (the Forge runtime sends them next to a text `body`); they win over `body`. */
  bytes?: Uint8Array;
}

export interface SnResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Raw bytes for binary answers (attachment content); `body` is then the latin1 view of them. */
  bytes?: Uint8Array;
}

export interface UserSeed {
  user_name: string;
  name: string;
  email?: string;
  /** Basic-auth password; a user without one cannot sign in with Basic auth. */
  password?: string;
  /** e.g. `itil`, `admin`, `snc_platform_rest_api_access`. `admin` passes every role check. */
  roles?: string[];
  active?: boolean;
  /** sys_user.preferred_language: the language of the labels the user reads (en when absent). */
  preferred_language?: string;
}

export interface OAuthClientSeed {
  client_id: string;
  client_secret: string;
  /** The OAuth Application User: who a client_credentials token acts as (user_name). */
  user: string;
  name?: string;
}

export interface TaskSeed {
  table: 'incident' | 'change_request' | 'problem' | 'sc_req_item';
  /** Field values (actual values, not display values); references by user_name are resolved. */
  fields: Record<string, string>;
  /** Journal entries in order, each written by `author` (user_name). */
  journal?: { element: 'comments' | 'work_notes'; author: string; value: string }[];
}

export interface ServiceNowSeed {
  users: UserSeed[];
  oauthClients: OAuthClientSeed[];
  records: TaskSeed[];
  /** System properties (sys_properties) set on the instance. */
  properties?: Record<string, string>;
  /** Read ACLs an admin added: table → roles that may read its rows (sys_journal_field, dl_u_priority). */
  readGrants?: Record<string, string[]>;
  /** Priority Lookup Rules (dl_u_priority); ServiceNow's default table when absent. */
  priorityLookup?: { impact: string; urgency: string; priority: string }[];
}

export type RecordOperation = 'insert' | 'update' | 'delete';

export interface RecordChange {
  table: string;
  sysId: string;
  operation: RecordOperation;
  /** The record after the change (before it, for a delete). */
  record: SnRecord;
  /** user_name of who made the change. */
  user: string;
  /** Columns whose value changed, and the journal fields (comments, work_notes) written to. */
  changed?: string[];
}

export type RecordChangeListener = (e: RecordChange) => void;
