// Project metadata outlives one invocation: every incoming message needs it, and it changes only when
// an admin edits the project's schemes. The cache keeps what getMetadata derived plus the field
// schemas the writer's FieldCatalog learns from GET /field, so a cached read can still encode values.
import type { TrackerMetadata } from '../../core/rules/metadata';
import type { ServiceDeskFieldIds } from '../../core/rules/service-desk-rule';
import type { JiraFieldSchema } from './jira-schemas';
import type { RequestType } from './service-desk';

/**
 * `serviceDesk`: on a site with service desks, the JSM field ids (from the same /field read) and, for
 * a project that is one, its desk and request types, so setting a request type is one PUT. Absent in
 * entries written before it (they expire within the TTL): the writer then reads what it needs.
 */
export type CachedServiceDesk = { fieldIds: ServiceDeskFieldIds; deskId?: string; requestTypes?: RequestType[] };
export type CachedMetadata = { metadata: TrackerMetadata; schemas: Record<string, JiraFieldSchema>; serviceDesk?: CachedServiceDesk };

export interface MetadataCache {
  /** The entry for the project, or null when there is none (or it has expired). */
  read(projectKey: string): Promise<CachedMetadata | null>;
  write(projectKey: string, entry: CachedMetadata): Promise<void>;
}
