// The Forge side of the core's ports. Entry points build one set per invocation with
// createForgeAdapters() and hand it to the core as (part of) its SyncDeps.
import type { Clock, IdSource } from '../../core/ports/clock';
import { ForgeConfigStore } from './kvs-config-store';
import { ForgeLedgerStore } from './kvs-ledger-store';
import { ForgeOutbox, type ForgeOutboxOptions } from './kvs-outbox';
import { ForgeSecrets } from './kvs-secrets';
import { FetchTransport, type FetchTransportOptions } from './fetch-transport';
import { randomIds, systemClock } from './system-clock';

export { ENTITY, ENTITY_SPECS, INDEX, type EntitySpec, type IndexSpec, type AttributeType } from './entities';
export { ForgeAdapterError, PAGE_MAX, type Page } from './kvs-support';
export { keyOf } from './kvs-keys';
export { ForgeLedgerStore, type PageOptions } from './kvs-ledger-store';
export { ForgeConfigStore } from './kvs-config-store';
export { ForgeOutbox, type ForgeOutboxOptions, type OutboxWakeup } from './kvs-outbox';
export { ForgeSecrets } from './kvs-secrets';
export { FetchTransport, type FetchTransportOptions } from './fetch-transport';
export { parseRetryAfter } from '../http/retry-after';
export { OUTBOX_EVENT_KIND, OUTBOX_BATCH_EVENT_KIND, MAX_DELAY_SECONDS, outboxEventSchema, parseOutboxEvent, type OutboxEvent, type OutboxBatchEvent } from './outbox-event';
export { systemClock, randomIds } from './system-clock';

export type ForgeAdapters = {
  store: ForgeLedgerStore;
  config: ForgeConfigStore;
  outbox: ForgeOutbox;
  secrets: ForgeSecrets;
  transport: FetchTransport;
  clock: Clock;
  ids: IdSource;
};

export type ForgeAdapterOptions = {
  /** The queue the outbox consumer listens to (manifest `consumer.queue`). */
  outboxQueue: string;
  clock?: Clock;
  ids?: IdSource;
  outbox?: Omit<ForgeOutboxOptions, 'queueKey' | 'clock'>;
  transport?: Omit<FetchTransportOptions, 'clock'>;
};

export function createForgeAdapters(options: ForgeAdapterOptions): ForgeAdapters {
  const clock = options.clock ?? systemClock;
  return {
    store: new ForgeLedgerStore(clock),
    config: new ForgeConfigStore(),
    outbox: new ForgeOutbox({ ...options.outbox, queueKey: options.outboxQueue, clock }),
    secrets: new ForgeSecrets(),
    transport: new FetchTransport({ ...options.transport, clock }),
    clock,
    ids: options.ids ?? randomIds,
  };
}
export { KvsBulkStatus, type BulkRun } from './kvs-bulk-status';
export { KvsSweepWatermark } from './kvs-sweep-watermark';
export { KvsTtlCache, type KvsTtlCacheOptions } from './kvs-ttl-cache';
export { fetchAttachmentSource } from './attachment-fetch';
export { RoutedConfig, type Route, type RouteKey, type RouteStore, type RoutedConfigOptions } from './routed-config';
export { KvsRouteStore } from './kvs-route-store';
export { prefetch, BATCH_MAX } from './kvs-prefetch';
