export { newPairRecord, type MirroredComment, type PairRecord } from './pair-record';
export { emptyWindow, hasApplied, markApplied, type SeqWindow } from './seq-window';
export { MemoryLedgerStore } from './memory-store';
export { MemoryOutbox } from './memory-outbox';
export { MemoryConfigStore, MemorySecrets } from './memory-config';
