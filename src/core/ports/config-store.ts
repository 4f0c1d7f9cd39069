// Connections and rule histories: read on every change, written only by admins.
import type { Connection } from '../connection';
import type { SharingRule } from '../rules/schema';
import type { RuleVersion } from '../rules/versions';

export interface ConfigStore {
  getConnection(id: string): Promise<Connection | null>;
  /** `healthOnly`: only the health stamp (lastExchangeAt) changed; a listing may show the old one for a moment. */
  putConnection(connection: Connection, options?: { healthOnly?: boolean }): Promise<void>;
  listConnections(): Promise<Connection[]>;
  /** Removes the connection record; rule histories stay for the audit trail. */
  deleteConnection(id: string): Promise<void>;
  /** Versions oldest first. */
  getRuleHistory(connectionId: string, projectKey: string): Promise<RuleVersion[]>;
  appendRuleVersion(connectionId: string, projectKey: string, version: RuleVersion): Promise<void>;
  /** Current rule of every project shared on a connection. */
  currentRules(connectionId: string): Promise<SharingRule[]>;
  /** Current rules that govern a local project, one per connection sharing it. */
  rulesForProject(projectKey: string): Promise<SharingRule[]>;
  /**
   * The connections whose rules share `projectKey`, answered from what reading connection `via`
   * brought along (routes), so a partner's message asks it at no cost. Optional: without it the
   * project's rules are read.
   */
  connectionsSharing?(projectKey: string, via: string): Promise<string[]>;
}
