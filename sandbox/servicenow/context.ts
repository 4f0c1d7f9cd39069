// What every handler may reach: the store, the settings, the clock and the instance's own URL, plus the
// request being served (who acts, with which roles, and the record changes it has made so far).
import type { InstanceStore } from './store';
import type { RecordChange, SnRecord } from './types';

export interface InstanceSettings {
  /** com.glide.attachment.max_size, in bytes: a bigger upload is refused. */
  attachmentMaxBytes: number;
  /** glide.invalid_query.returns_no_rows: an invalid query part matches nothing instead of being ignored. */
  invalidQueryReturnsNoRows: boolean;
  /** Lifetime of OAuth access tokens, in seconds (ServiceNow's default is 1800; the answer says 1799). */
  accessTokenSeconds: number;
  /** The shipped data policies (incident: Resolution code and notes mandatory when resolved or closed). */
  dataPolicies: boolean;
}

export interface InstanceContext {
  readonly name: string;
  /** `https://<name>.service-now.com`. */
  readonly instanceUrl: string;
  readonly store: InstanceStore;
  readonly settings: InstanceSettings;
  now(): number;
}

export interface RequestScope {
  readonly instance: InstanceContext;
  /** The sys_user record of who acts. */
  readonly user: SnRecord;
  readonly roles: string[];
  /** Where links in answers point: the instance URL in-process, the served address over HTTP. */
  readonly origin: string;
  readonly changes: RecordChange[];
}

export function hasRole(scope: Pick<RequestScope, 'roles'>, role: string): boolean {
  return scope.roles.includes('admin') || scope.roles.includes(role);
}
