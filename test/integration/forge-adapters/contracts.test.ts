// The port contracts, run against the core's in-memory implementations and against the Forge
// adapters inside the offline Forge runtime (real @forge/kvs and @forge/events underneath).
import { MemoryLedgerStore } from '../../../src/core/ledger/memory-store';
import { MemoryOutbox } from '../../../src/core/ledger/memory-outbox';
import { MemoryConfigStore, MemorySecrets } from '../../../src/core/ledger/memory-config';
import { portContracts } from './port-contracts';
import { PARKED_QUEUE, START, port, probeWorld } from './probe';

portContracts('memory (core)', async () => {
  let t = START;
  return {
    store: new MemoryLedgerStore(() => t),
    config: new MemoryConfigStore(),
    outbox: new MemoryOutbox(),
    secrets: new MemorySecrets(),
    now: () => t,
    advance: async (ms) => {
      t += ms;
    },
    close: async () => undefined,
  };
});

portContracts('forge (sandbox)', async () => {
  const w = await probeWorld();
  return {
    store: port(w.acme, 'store'),
    config: port(w.acme, 'config'),
    // The parked queue's consumer leaves entries alone, so only the port's own calls change them.
    outbox: port(w.acme, 'outbox', { outboxQueue: PARKED_QUEUE }),
    secrets: port(w.acme, 'secrets'),
    now: () => w.clock.now(),
    advance: (ms) => w.clock.advance(ms),
    close: () => w.close(),
  };
});
