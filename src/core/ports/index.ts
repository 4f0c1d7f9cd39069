export type { Clock, IdSource } from './clock';
export type { ConfigStore } from './config-store';
export type { Outbox, OutboxEntry } from './outbox';
export type { Secrets } from './secrets';
export type { AuditEntry, ErrorRecord, LedgerStore } from './store';
export type { NewComment, StoredValues, Tracker } from './tracker';
export type { Transport, TransportError, TransportResult } from './transport';
