// One invocation often asks for the same connection or project rules several times (the entry to
// pick a read plan, then the core). Memoising the reads for the invocation's lifetime keeps the
// KVS budget per change (BRIEF.md targets) without the core having to know.
import type { Connection } from '../core/connection';
import type { ConfigStore } from '../core/ports/config-store';
import type { SharingRule } from '../core/rules/schema';

export function memoConfig(inner: ConfigStore): ConfigStore {
  const connections = new Map<string, Promise<Connection | null>>();
  const projectRules = new Map<string, Promise<SharingRule[]>>();
  const connectionRules = new Map<string, Promise<SharingRule[]>>();
  const forget = () => {
    connections.clear();
    projectRules.clear();
    connectionRules.clear();
  };
  return {
    getConnection: (id) => connections.get(id) ?? set(connections, id, inner.getConnection(id)),
    rulesForProject: (key) => projectRules.get(key) ?? set(projectRules, key, inner.rulesForProject(key)),
    listConnections: () => inner.listConnections(),
    getRuleHistory: (c, p) => inner.getRuleHistory(c, p),
    currentRules: (c) => connectionRules.get(c) ?? set(connectionRules, c, inner.currentRules(c)),
    putConnection: async (c) => {
      forget();
      await inner.putConnection(c);
    },
    deleteConnection: async (id) => {
      forget();
      await inner.deleteConnection(id);
    },
    appendRuleVersion: async (c, p, v) => {
      forget();
      await inner.appendRuleVersion(c, p, v);
    },
  };
}

function set<T>(map: Map<string, Promise<T>>, key: string, value: Promise<T>): Promise<T> {
  map.set(key, value);
  // A failed read must not be remembered.
  value.catch(() => map.delete(key));
  return value;
}
