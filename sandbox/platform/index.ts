// The offline Forge runtime: run any Forge app directory with the real @forge SDKs (see README.md).
// Importing this module installs the runtime globals, so import it before any @forge package.
import './runtime-globals';

export { ForgePlatform, stableUuid, type PlatformOptions, type InstallOptions, type NetworkLatency } from './platform';
export { SandboxClock, type ClockOptions } from './clock';
export { HostRegistry, proxyTo, dnsFailure } from './host-registry';
export { loadApp, type ForgeApp, type FunctionDef, type TriggerDef, type WebTriggerDef, type WebTriggerUrlFormat, type ConsumerDef, type ScheduledTriggerDef } from './manifest';
export { Installation, type Licensing, type ResolverCallOptions } from './installation';
export { Recorder, type RecordEntry, type RecordKind } from './recorder';
export { DEFAULT_LIMIT_SECONDS } from './invoker';
export { QUEUE_LIMITS, QUEUE_STRICTNESS, type QueueStrictness } from './queue';
export { BACKOFF, MAX_RETRY_AFTER_SECONDS } from './retry-policy';
export { PRODUCT_EVENT_STRICTNESS, type ProductEventStrictness } from './trigger-delivery';
export { RESOLVER_REQUEST_LIMIT_BYTES, RESOLVER_RESPONSE_LIMIT_BYTES } from './installation';
export { ISSUE_EVENT_FIELDS, type ProductEvent } from './product-events';
export { LIMITS as KVS_LIMITS } from './kvs/kvs-limits';
export { egressAllows } from './egress';
export { WEBTRIGGER_DOMAIN, WEBTRIGGER_V2_DOMAIN } from './webtrigger-urls';
export type { WebTriggerServer } from './webtrigger-http';
export type { HostHandler, HostRequest, HostResponse, ProductBackend, InvocationKind, InvocationOutcome } from './types';
export { PersonalDataRegistry, ATLASSIAN_CLOSED_TEST_ACCOUNT, REPORT_ACCOUNTS_LIMIT } from './personal-data';
