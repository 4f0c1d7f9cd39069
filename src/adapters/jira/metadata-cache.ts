// Project metadata outlives one invocation: every incoming message needs it, and it changes only when
// an admin edits the project's schemes. The cache keeps what getMetadata derived plus the field
// schemas the writer's FieldCatalog learns from GET /field, so a cached read can still encode values.
import type { TrackerMetadata } from '../../core/rules/metadata';
import type { JiraFieldSchema } from './jira-schemas';

export type CachedMetadata = { metadata: TrackerMetadata; schemas: Record<string, JiraFieldSchema> };

export interface MetadataCache {
  /** The entry for the project, or null when there is none (or it has expired). */
  read(projectKey: string): Promise<CachedMetadata | null>;
  write(projectKey: string, entry: CachedMetadata): Promise<void>;
}
