// Connections and rule histories on Forge custom entities. Every rule save is its own
// `rule-version` record (a history never hits the 240 KiB value cap however long it grows), and a
// `rule-current` record per (connection, project) holds the newest version, so the rules of a
// project or a connection are one index query on the hot path. The two are written in one
// transaction: the current rule can never point at a version that was not stored.
import { kvs, Filter, FilterConditions } from '@forge/kvs';
import type { Connection } from '../../core/connection';
import type { ConfigStore } from '../../core/ports/config-store';
import type { SharingRule } from '../../core/rules/schema';
import { RuleVersionTaken, type RuleVersion } from '../../core/rules/versions';
import { ENTITY, INDEX } from './entities';
import { keyOf, padNumber } from './kvs-keys';
import { RecentWrites } from './kvs-recent-writes';
import { ForgeAdapterError, isConflict, readAll, requireId, requireTime } from './kvs-support';

type ConnectionEntity = { createdAt: number; connection: Connection };
type VersionEntity = { history: string; version: number; ruleVersion: RuleVersion };
type CurrentEntity = { connectionId: string; projectKey: string; version: number; ruleVersion: RuleVersion };

/** Where rule writes are noted for read-back (kvs-recent-writes.ts): current rules, and versions rewritten in place. */
export const RECENT_RULES_KEY = 'config:recent:rules';
export const RECENT_VERSIONS_KEY = 'config:recent:versions';
export const ruleTags = (connectionId: string, projectKey: string) => [`c:${connectionId}`, `p:${projectKey}`];

// A rule can be large (user maps); smaller pages keep one query's answer to a few megabytes.
const RULE_PAGE = 20;

export const historyOf = (connectionId: string, projectKey: string) => keyOf(requireId('connectionId', connectionId), requireId('projectKey', projectKey));
export const versionKey = (history: string, version: number) => `${history}:${padNumber(version)}`;

function checkVersion(connectionId: string, projectKey: string, v: RuleVersion): void {
  if (!v || !Number.isInteger(v.version) || v.version < 1 || v.version > 2_147_483_647) {
    throw new ForgeAdapterError(`rule version number must be a positive 32-bit integer, got ${JSON.stringify(v?.version)}`);
  }
  if (v.rule?.connectionId !== connectionId || v.rule.projectKey !== projectKey) {
    throw new ForgeAdapterError(`rule version ${v.version} is for ${v.rule?.connectionId}/${v.rule?.projectKey}, not ${connectionId}/${projectKey}`);
  }
}

export class ForgeConfigStore implements ConfigStore {
  private readonly connections = kvs.entity<ConnectionEntity>(ENTITY.connection);
  private readonly versions = kvs.entity<VersionEntity>(ENTITY.ruleVersion);
  private readonly current = kvs.entity<CurrentEntity>(ENTITY.ruleCurrent);
  // Index queries lag behind writes; what was written lately is re-read by key (kvs-recent-writes.ts).
  private readonly recentConnections = new RecentWrites('config:recent:connections');
  private readonly recentRules = new RecentWrites(RECENT_RULES_KEY);
  private readonly recentVersions = new RecentWrites(RECENT_VERSIONS_KEY);

  async getConnection(id: string): Promise<Connection | null> {
    const v = await this.connections.get(keyOf(requireId('connection id', id)));
    return v?.connection ?? null;
  }

  async putConnection(connection: Connection, options: { healthOnly?: boolean } = {}): Promise<void> {
    const value: ConnectionEntity = { createdAt: requireTime('createdAt', connection?.createdAt), connection };
    const key = keyOf(requireId('connection id', connection.id));
    await this.connections.set(key, value);
    // A health stamp alone need not be read back at once (it would cost every ping two operations).
    if (!options.healthOnly) await this.recentConnections.note(key);
  }

  /** Rule histories stay (audit trail); only the connection record goes. */
  async deleteConnection(id: string): Promise<void> {
    const key = keyOf(requireId('connection id', id));
    await this.connections.delete(key);
    await this.recentConnections.note(key);
  }

  /** Oldest first; a connection written lately as it was written, even before the index shows it. */
  async listConnections(): Promise<Connection[]> {
    const [values, recent] = await Promise.all([
      readAll<ConnectionEntity>((cursor, limit) => {
        let q = this.connections.query().index(INDEX.connectionByCreated).limit(limit);
        if (cursor) q = q.cursor(cursor);
        return q.getMany();
      }),
      this.recentConnections.keys(),
    ]);
    const byKey = new Map(values.map((v) => [keyOf(v.connection.id), v]));
    for (const key of recent) {
      const fresh = await this.connections.get(key);
      if (fresh) byKey.set(key, fresh);
      else byKey.delete(key);
    }
    return [...byKey.values()].sort((a, b) => a.createdAt - b.createdAt).map((v) => v.connection);
  }

  /**
   * Oldest first. The index query is only eventually consistent, so the newest version may be
   * missing from it for a moment after a save, or a version rewritten in place (an erased account)
   * may still show as it was; the current record and the versions rewritten lately are read by key
   * (strongly consistent) and win, so the next version number is always allocated above the current.
   */
  async getRuleHistory(connectionId: string, projectKey: string): Promise<RuleVersion[]> {
    const history = historyOf(connectionId, projectKey);
    const [values, current, rewritten] = await Promise.all([
      readAll<VersionEntity>((cursor, limit) => {
        let q = this.versions.query().index(INDEX.ruleVersionByHistory, { partition: [history] }).limit(limit);
        if (cursor) q = q.cursor(cursor);
        return q.getMany();
      }, Number.POSITIVE_INFINITY, RULE_PAGE),
      this.current.get(history),
      this.recentVersions.keys(history),
    ]);
    const byVersion = new Map(values.map((v) => [v.version, v.ruleVersion]));
    for (const key of rewritten) {
      const fresh = await this.versions.get(key);
      if (fresh?.history === history) byVersion.set(fresh.version, fresh.ruleVersion);
    }
    if (current) byVersion.set(current.version, current.ruleVersion);
    return [...byVersion.values()].sort((a, b) => a.version - b.version);
  }

  /** The current rule of (connection, project), read by key (strongly consistent). */
  async currentRule(connectionId: string, projectKey: string): Promise<SharingRule | null> {
    return (await this.current.get(historyOf(connectionId, projectKey)))?.ruleVersion.rule ?? null;
  }

  async appendRuleVersion(connectionId: string, projectKey: string, version: RuleVersion): Promise<void> {
    checkVersion(connectionId, projectKey, version);
    const history = historyOf(connectionId, projectKey);
    const key = versionKey(history, version.version);
    const record: VersionEntity = { history, version: version.version, ruleVersion: version };
    const newVersion = new Filter<VersionEntity>().and('version', FilterConditions.notExists());
    // The current pointer only moves forward.
    const older = new Filter<CurrentEntity>().or('version', FilterConditions.notExists()).or('version', FilterConditions.lessThan(version.version));
    try {
      await kvs
        .transact()
        .set(key, record, { entityName: ENTITY.ruleVersion, conditions: newVersion })
        .set(history, { connectionId, projectKey, version: version.version, ruleVersion: version }, { entityName: ENTITY.ruleCurrent, conditions: older })
        .execute();
      await this.recentRules.note(history, ruleTags(connectionId, projectKey));
      return;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
    // Either this version exists already, or a newer one is current (an out-of-order append): the
    // latter still stores the version, without moving the pointer back.
    try {
      await this.versions.set(key, record, { keyPolicy: 'FAIL_IF_EXISTS' });
    } catch (e) {
      if (isConflict(e)) throw new RuleVersionTaken(version.version, { cause: e });
      throw e;
    }
  }

  async currentRules(connectionId: string): Promise<SharingRule[]> {
    return this.currentBy(INDEX.ruleCurrentByConnection, requireId('connectionId', connectionId));
  }

  async rulesForProject(projectKey: string): Promise<SharingRule[]> {
    return this.currentBy(INDEX.ruleCurrentByProject, requireId('projectKey', projectKey));
  }

  /** The index's current rules, with those saved lately read by key (the index may not show them yet). */
  private async currentBy(index: string, partition: string): Promise<SharingRule[]> {
    const [values, recent] = await Promise.all([
      readAll<CurrentEntity>((cursor, limit) => {
        let q = this.current.query().index(index, { partition: [partition] }).limit(limit);
        if (cursor) q = q.cursor(cursor);
        return q.getMany();
      }, Number.POSITIVE_INFINITY, RULE_PAGE),
      this.recentRules.keys(`${index === INDEX.ruleCurrentByConnection ? 'c' : 'p'}:${partition}`),
    ]);
    const byHistory = new Map(values.map((v) => [historyOf(v.connectionId, v.projectKey), v]));
    const mine = (v: CurrentEntity) => (index === INDEX.ruleCurrentByConnection ? v.connectionId : v.projectKey) === partition;
    for (const key of recent) {
      const fresh = await this.current.get(key);
      if (fresh && mine(fresh)) byHistory.set(key, fresh);
    }
    return [...byHistory.values()].map((v) => v.ruleVersion.rule);
  }
}
