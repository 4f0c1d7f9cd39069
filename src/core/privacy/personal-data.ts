// Which Atlassian account ids Liaison keeps, and how a closed account is erased from each record.
// Atlassian asks apps to report every stored account id with the oldest time its data was taken
// ("User privacy guidelines for developers", personal data reporting API) and to erase the data of
// accounts reported closed. Liaison keeps account ids only (never names or emails of the site's
// own users): who did what (audit log, rule authors, who made a connection) and whom a rule maps
// partner people to. Pure: the adapters read and write the records.
import type { Connection } from '../connection';
import type { AuditEntry } from '../ports/store';
import type { RuleVersion } from '../rules/versions';
import type { SharingRule } from '../rules/schema';

/** One account as the reporting API takes it: the id and when Liaison first stored it (RFC 3339). */
export type ReportedAccount = { accountId: string; updatedAt: string };
/** An account the API says needs action: erase it ('closed') or refresh copies of its profile ('updated'). */
export type AccountStatus = { accountId: string; status: 'closed' | 'updated' };

/** What an erased account id reads as from then on. */
export const ERASED_ACCOUNT = 'closed-account';

/** Ids that name no person: the engine itself, the partner (audit actor of its messages), Jira's "unknown", the placeholder above. */
export const isPersonAccountId = (id: unknown): id is string =>
  typeof id === 'string' && id.length > 0 && id !== 'sync' && id !== 'partner' && id !== 'unknown' && id !== ERASED_ACCOUNT;

/** accountId → the oldest time (ms) Liaison stored it. */
export type AccountAges = Map<string, number>;

const note = (ages: AccountAges, id: unknown, at: number): void => {
  if (!isPersonAccountId(id)) return;
  const seen = ages.get(id);
  if (seen === undefined || at < seen) ages.set(id, at);
};

function ruleAccountIds(rule: SharingRule): string[] {
  const users = rule.incoming?.users;
  const ids: unknown[] = [...Object.values(users?.map ?? {}), users?.defaultAccountId];
  for (const v of Object.values(rule.incoming?.defaults ?? {})) if (v && typeof v === 'object' && 'kind' in v && v.kind === 'user') ids.push(v.accountId);
  return ids.filter(isPersonAccountId);
}

export function collectAccounts(ages: AccountAges, input: { connection?: Connection; audit?: readonly AuditEntry[]; versions?: readonly RuleVersion[] }): AccountAges {
  if (input.connection) note(ages, input.connection.createdBy, input.connection.createdAt);
  for (const a of input.audit ?? []) note(ages, a.actor, a.at);
  for (const v of input.versions ?? []) {
    note(ages, v.author, v.at);
    for (const id of ruleAccountIds(v.rule)) note(ages, id, v.at);
  }
  return ages;
}

/** The rule without any mapping to a closed account (the mapping, not the partner's email, goes). */
function eraseFromRule(rule: SharingRule, closed: ReadonlySet<string>): SharingRule {
  const users = rule.incoming.users;
  const map = Object.fromEntries(Object.entries(users.map).filter(([, id]) => !closed.has(id)));
  const defaults = Object.fromEntries(
    Object.entries(rule.incoming.defaults).filter(([, v]) => !(v && typeof v === 'object' && 'kind' in v && v.kind === 'user' && v.accountId !== undefined && closed.has(v.accountId))),
  );
  const defaultAccountId = users.defaultAccountId !== null && closed.has(users.defaultAccountId) ? null : users.defaultAccountId;
  return { ...rule, incoming: { ...rule.incoming, defaults, users: { ...users, map, defaultAccountId } } };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The version with closed accounts erased, or null when it names none of them. */
export function eraseFromVersion(v: RuleVersion, closed: ReadonlySet<string>): RuleVersion | null {
  const rule = eraseFromRule(v.rule, closed);
  const author = closed.has(v.author) ? ERASED_ACCOUNT : v.author;
  return author === v.author && same(rule, v.rule) ? null : { ...v, author, rule };
}

export function eraseFromAudit(a: AuditEntry, closed: ReadonlySet<string>): AuditEntry | null {
  return closed.has(a.actor) ? { ...a, actor: ERASED_ACCOUNT } : null;
}

export function eraseFromConnection(c: Connection, closed: ReadonlySet<string>): Connection | null {
  return closed.has(c.createdBy) ? { ...c, createdBy: ERASED_ACCOUNT } : null;
}
