// In-memory ConfigStore and Secrets for unit tests and the convergence model.
import type { Connection } from '../connection';
import type { ConfigStore } from '../ports/config-store';
import type { Secrets } from '../ports/secrets';
import type { PendingInvitation } from '../protocol/invitation';
import type { SharingRule } from '../rules/schema';
import { currentVersion, type RuleVersion } from '../rules/versions';

export class MemoryConfigStore implements ConfigStore {
  private readonly connections = new Map<string, Connection>();
  private readonly histories = new Map<string, RuleVersion[]>();

  async getConnection(id: string): Promise<Connection | null> {
    const c = this.connections.get(id);
    return c ? structuredClone(c) : null;
  }

  async putConnection(connection: Connection): Promise<void> {
    this.connections.set(connection.id, structuredClone(connection));
  }

  async listConnections(): Promise<Connection[]> {
    return structuredClone([...this.connections.values()]);
  }

  async deleteConnection(id: string): Promise<void> {
    this.connections.delete(id);
  }

  async getRuleHistory(connectionId: string, projectKey: string): Promise<RuleVersion[]> {
    return structuredClone(this.histories.get(`${connectionId}/${projectKey}`) ?? []);
  }

  async appendRuleVersion(connectionId: string, projectKey: string, version: RuleVersion): Promise<void> {
    const key = `${connectionId}/${projectKey}`;
    const history = this.histories.get(key) ?? [];
    if (history.some((v) => v.version === version.version)) throw new Error(`rule version ${version.version} already exists for ${key}`);
    this.histories.set(key, [...history, structuredClone(version)]);
  }

  async currentRules(connectionId: string): Promise<SharingRule[]> {
    return this.current((key) => key.startsWith(`${connectionId}/`));
  }

  async rulesForProject(projectKey: string): Promise<SharingRule[]> {
    return this.current((key) => key.endsWith(`/${projectKey}`));
  }

  private current(match: (key: string) => boolean): SharingRule[] {
    return [...this.histories.entries()]
      .filter(([key]) => match(key))
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([, history]) => {
        const v = currentVersion(history);
        return v ? [structuredClone(v.rule)] : [];
      });
  }
}

export class MemorySecrets implements Secrets {
  private readonly secrets = new Map<string, string>();
  private readonly invitations = new Map<string, PendingInvitation>();

  async deleteConnectionSecrets(connectionId: string): Promise<void> {
    this.secrets.delete(connectionId);
    this.invitations.delete(connectionId);
  }

  async getConnectionSecret(connectionId: string): Promise<string | null> {
    return this.secrets.get(connectionId) ?? null;
  }

  async putConnectionSecret(connectionId: string, secret: string): Promise<void> {
    this.secrets.set(connectionId, secret);
  }

  async getPendingInvitation(connectionId: string): Promise<PendingInvitation | null> {
    const i = this.invitations.get(connectionId);
    return i ? structuredClone(i) : null;
  }

  async putPendingInvitation(invitation: PendingInvitation): Promise<void> {
    this.invitations.set(invitation.connectionId, structuredClone(invitation));
  }
}
