// The platform-free sync core. Entry points and adapters import from here.
export * from './ids';
export * from './result';
export { canonicalJson, hashOf, sha256Hex } from './hash';
export * from './connection';
export * from './richtext/index';
export * from './replica/index';
export * from './rules/index';
export * from './planning/index';
export * from './protocol/index';
export * from './ledger/index';
export type * from './ports/index';
export * from './sync/index';
