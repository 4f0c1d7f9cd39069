// Rule history: every save is a new version, and a restore is also a new version (so the history
// itself is never rewritten and the audit trail shows who rolled back what).
import type { SharingRule } from './schema';

export type RuleVersion = {
  version: number;
  rule: SharingRule;
  author: string;
  at: number;
  comment: string;
  restoredFrom?: number;
};

export type SaveMeta = { author: string; at: number; comment: string };

/**
 * A store's answer when the version number was taken by another save first (its conditional write
 * failed): the caller allocates again from a fresh history, so two quick saves never clash.
 */
export class RuleVersionTaken extends Error {
  constructor(readonly version: number, options?: { cause?: unknown }) {
    super(`rule version ${version} already exists (another save took it)`, options);
    this.name = 'RuleVersionTaken';
  }
}

export function nextVersion(history: readonly RuleVersion[], rule: SharingRule, meta: SaveMeta): RuleVersion {
  const latest = history.reduce((max, v) => Math.max(max, v.version), 0);
  return { version: latest + 1, rule, author: meta.author, at: meta.at, comment: meta.comment };
}

export function restoreVersion(history: readonly RuleVersion[], version: number, meta: SaveMeta): RuleVersion {
  const source = history.find((v) => v.version === version);
  if (!source) throw new RangeError(`rule version ${version} does not exist (have ${history.map((v) => v.version).join(', ') || 'none'})`);
  return { ...nextVersion(history, structuredClone(source.rule), meta), restoredFrom: version };
}

export const currentVersion = (history: readonly RuleVersion[]): RuleVersion | undefined =>
  history.reduce<RuleVersion | undefined>((best, v) => (!best || v.version > best.version ? v : best), undefined);
