// People from the partner → local Jira accounts. An account id (from the rule's explicit map or
// default) is looked up for its display name; an email is matched through Jira's user search; the
// rule's default account is the fallback. Answers are cached for the adapter's lifetime (one
// invocation), so a plan that names the same person twice costs one lookup.
import { route } from '@forge/api';
import { z } from 'zod';
import type { UserValue } from '../../core/replica/value';
import { parseAnswer, type JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { userSchema, type JiraUser } from './jira-schemas';

export type LocalUser = { accountId: string; displayName: string };

export class UserDirectory {
  private readonly byId = new Map<string, Promise<LocalUser | null>>();
  private readonly byEmail = new Map<string, Promise<LocalUser | null>>();

  constructor(
    private readonly client: JiraClient,
    private readonly defaultAccountId: string | null,
  ) {}

  async resolve(field: string, value: UserValue): Promise<LocalUser> {
    if (value.accountId) {
      const known = await this.account(value.accountId);
      if (known) return known;
    }
    if (value.email) {
      const found = await this.searchEmail(value.email);
      if (found) return found;
    }
    if (this.defaultAccountId) {
      const fallback = await this.account(this.defaultAccountId);
      if (fallback) return fallback;
      throw new JiraApiError(`the rule's default account ${this.defaultAccountId} does not exist on this site`, false, null, field);
    }
    const who = value.email ? `"${value.displayName}" <${value.email}>` : `"${value.displayName}"`;
    throw new JiraApiError(`no local account for ${who} and no default account in the rule`, false, null, field);
  }

  /** The one active person with this email, if any (no default account: a participant is never guessed). */
  findByEmail(email: string): Promise<LocalUser | null> {
    return this.searchEmail(email);
  }

  private account(accountId: string): Promise<LocalUser | null> {
    let pending = this.byId.get(accountId);
    if (!pending) {
      pending = this.client
        .sendOrNull(`look up account ${accountId}`, 'GET', route`/rest/api/3/user?accountId=${accountId}`)
        .then((res) => (res ? toLocal(parseAnswer(`look up account ${accountId}`, userSchema, res)) : null));
      this.byId.set(accountId, pending);
    }
    return pending;
  }

  private searchEmail(email: string): Promise<LocalUser | null> {
    const key = email.toLowerCase();
    let pending = this.byEmail.get(key);
    if (!pending) {
      pending = this.client
        .json(`find the account of ${email}`, z.array(userSchema), 'GET', route`/rest/api/3/user/search?query=${email}`)
        .then((users) => pickByEmail(users, key));
      this.byEmail.set(key, pending);
    }
    return pending;
  }
}

const toLocal = (u: JiraUser): LocalUser => ({ accountId: u.accountId, displayName: u.displayName ?? '' });

function pickByEmail(users: JiraUser[], email: string): LocalUser | null {
  const people = users.filter((u) => u.active !== false && u.accountType !== 'app');
  const exact = people.find((u) => u.emailAddress?.toLowerCase() === email);
  if (exact) return toLocal(exact);
  // Jira matches the query against hidden emails too but does not show them: a single person
  // whose email is hidden is the match; several are ambiguous.
  const hidden = people.filter((u) => !u.emailAddress);
  return hidden.length === 1 && people.length === 1 ? toLocal(hidden[0]!) : null;
}
