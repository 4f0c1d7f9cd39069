// Seeded mixed traffic on both sites: issues created, summaries, descriptions and priorities
// edited, statuses moved, comments added, a bulk sync started. Every change carries a unique tag
// so the end-state check can tell them apart; the model remembers which ones Jira acknowledged.
import { seededRandom } from '../../../sandbox/seeded-random';
import type { SiteClient } from './sandbox-process';

export type SiteName = 'acme' | 'globex';

/** The sandbox's seeded generator: the same traffic for a seed on every machine. */
export const prng = seededRandom;

export type Tracked = { tag: string; origin: SiteName; key: string | null };

export const CHAOS_LABEL = 'chaos';
const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
const WORDS = ['printer', 'badge', 'vpn', 'invoice', 'laptop', 'mailbox', 'backup', 'license', 'router', 'portal'];

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export class Traffic {
  readonly issues: Tracked[] = [];
  /** Changes Jira answered 2xx to (the ones that must end up on both sides). */
  acknowledged = 0;
  /** Changes sent whose answer never came (the process died): saved or not, both are fine. */
  unanswered = 0;
  /** Changes Jira refused (a transition no longer available, an issue gone): nothing to mirror. */
  refused = 0;
  /** Comment texts Jira acknowledged, by issue tag. */
  readonly comments = new Map<string, string[]>();
  private n = 0;

  constructor(private readonly random: () => number) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** The next change to make, drawn now (so the sequence depends on the seed only), run later. */
  next(sites: Record<SiteName, SiteClient>): () => Promise<void> {
    const n = ++this.n;
    const existing = this.issues.filter((i) => i.key !== null);
    const roll = this.random();
    if (existing.length < 3 || roll < 0.18) {
      const origin: SiteName = this.random() < 0.5 ? 'acme' : 'globex';
      const issue: Tracked = { tag: `c${n}`, origin, key: null };
      this.issues.push(issue);
      const summary = `[${issue.tag}] ${this.pick(WORDS)} ${this.pick(WORDS)} r0`;
      return this.counted(async () => {
        const site = sites[origin];
        const created = await site.rest<{ key: string }>('POST', '/rest/api/3/issue', { fields: { project: { key: site.project }, issuetype: { name: 'Task' }, summary, labels: [CHAOS_LABEL] } });
        issue.key = created.key;
      });
    }
    const issue = this.pick(existing);
    const site = sites[issue.origin];
    const key = issue.key!;
    if (roll < 0.4) return this.counted(() => site.rest('PUT', `/rest/api/3/issue/${key}`, { fields: { summary: `[${issue.tag}] ${this.pick(WORDS)} r${n}` } }));
    if (roll < 0.5) return this.counted(() => site.rest('PUT', `/rest/api/3/issue/${key}`, { fields: { description: adf(`description ${n} of ${issue.tag}`) } }));
    if (roll < 0.6) {
      const priority = this.pick(PRIORITIES);
      return this.counted(() => site.rest('PUT', `/rest/api/3/issue/${key}`, { fields: { priority: { name: priority } } }));
    }
    if (roll < 0.72) {
      const choice = this.random();
      return this.counted(async () => {
        const { transitions } = await site.rest<{ transitions: Array<{ id: string }> }>('GET', `/rest/api/3/issue/${key}/transitions`);
        if (transitions.length === 0) return;
        await site.rest('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: transitions[Math.floor(choice * transitions.length)]!.id } });
      });
    }
    const text = `comment k${n} on ${issue.tag}`;
    return this.counted(async () => {
      await site.rest('POST', `/rest/api/3/issue/${key}/comment`, { body: adf(text) });
      this.comments.set(issue.tag, [...(this.comments.get(issue.tag) ?? []), text]);
    });
  }

  private counted(run: () => Promise<unknown>): () => Promise<void> {
    return async () => {
      try {
        await run();
        this.acknowledged++;
      } catch (e) {
        if (e instanceof Error && / answered \d{3}/.test(e.message)) this.refused++;
        else this.unanswered++;
      }
    };
  }
}
