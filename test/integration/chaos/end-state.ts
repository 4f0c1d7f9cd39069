// What "nothing lost, nothing doubled" means at the end of the chaos test, read from both sites
// over REST: every tagged issue exactly once on each site with the same values, every comment
// exactly once on each side, every acknowledged change on its origin, the bulk-synced issues
// mirrored once, no queue left, and no write when nothing changes (no echo).
import { defaultSeed } from '../../../sandbox/jira';
import type { SiteClient } from './sandbox-process';
import type { SiteName, Traffic } from './traffic';

type IssueView = { key: string; summary: string; description: string; priority: string; status: string; labels: string; updated: string; comments: string[] };
export type SiteState = Map<string, IssueView[]>;

const plain = (adf: unknown): string => {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as { type?: string; text?: string; content?: unknown[] };
    if (node.type === 'text' && node.text) out.push(node.text);
    for (const c of node.content ?? []) walk(c);
  };
  walk(adf);
  return out.join('');
};

async function search(site: SiteClient, jql: string, fields: string[]): Promise<Array<{ key: string; fields: Record<string, unknown> }>> {
  const all: Array<{ key: string; fields: Record<string, unknown> }> = [];
  let nextPageToken: string | undefined;
  do {
    const page = await site.rest<{ issues: Array<{ key: string; fields: Record<string, unknown> }>; nextPageToken?: string }>('POST', '/rest/api/3/search/jql', { jql, fields, maxResults: 100, ...(nextPageToken ? { nextPageToken } : {}) });
    all.push(...page.issues);
    nextPageToken = page.nextPageToken ?? undefined;
  } while (nextPageToken);
  return all;
}

/** Every chaos issue of a site (its summary starts with the tag), by tag. */
export async function readSite(site: SiteClient): Promise<SiteState> {
  const state: SiteState = new Map();
  for (const i of await search(site, `project = ${site.project} ORDER BY key`, ['summary', 'description', 'priority', 'status', 'labels', 'updated'])) {
    const f = i.fields;
    if (!/^\[c\d+\]/.test(String(f.summary))) continue;
    // A mirrored comment opens with its author's name ("Acme Admin wrote:"); the text is what travels.
    const comments = (await site.rest<{ comments: Array<{ body: unknown }> }>('GET', `/rest/api/3/issue/${i.key}/comment?maxResults=5000`)).comments.map((c) => plain(c.body).replace(/^.{1,80}? wrote:\s*/, '')).sort();
    const view: IssueView = {
      key: i.key,
      summary: String(f.summary),
      description: plain(f.description),
      priority: (f.priority as { name?: string } | null)?.name ?? '',
      status: (f.status as { name?: string } | null)?.name ?? '',
      labels: [...((f.labels as string[] | undefined) ?? [])].sort().join(' '),
      updated: String(f.updated),
      comments,
    };
    const tag = /^\[(c\d+)\]/.exec(view.summary)![1]!;
    state.set(tag, [...(state.get(tag) ?? []), view]);
  }
  return state;
}

/**
 * `commentGaps`: comments on one site only (a kill between a mirrored comment's write intent and its
 * ledger commit once left them so; comment adds are idempotent now). Counted for the figures and a
 * problem like any other difference.
 */
export type Verdict = { problems: string[]; commentGaps: string[]; lost: number; duplicated: number; issues: number; comments: number };

export function compare(traffic: Traffic, sites: Record<SiteName, SiteState>): Verdict {
  const problems: string[] = [];
  const commentGaps: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let comments = 0;
  const tags = new Set([...sites.acme.keys(), ...sites.globex.keys()]);
  for (const t of traffic.issues) if (t.key !== null) tags.add(t.tag);
  for (const tag of [...tags].sort()) {
    const a = sites.acme.get(tag) ?? [];
    const g = sites.globex.get(tag) ?? [];
    if (a.length > 1 || g.length > 1) {
      duplicated += Math.max(0, a.length - 1) + Math.max(0, g.length - 1);
      problems.push(`${tag}: ${a.length} issue(s) on acme, ${g.length} on globex`);
      continue;
    }
    if (a.length === 0 || g.length === 0) {
      lost++;
      problems.push(`${tag}: on acme ${a[0]?.key ?? 'missing'}, on globex ${g[0]?.key ?? 'missing'}`);
      continue;
    }
    const [x, y] = [a[0]!, g[0]!];
    for (const field of ['summary', 'description', 'priority', 'status', 'labels'] as const) {
      if (x[field] !== y[field]) {
        lost++;
        problems.push(`${tag} ${field}: acme ${x.key} ${JSON.stringify(x[field])} ≠ globex ${y.key} ${JSON.stringify(y[field])}`);
      }
    }
    comments += x.comments.length;
    for (const [name, list] of [['acme', x.comments], ['globex', y.comments]] as const) {
      const dups = list.filter((c, i) => list.indexOf(c) !== i);
      if (dups.length > 0) {
        duplicated += dups.length;
        problems.push(`${tag}: comment(s) twice on ${name}: ${dups.join(' | ')}`);
      }
    }
    const missing = [...x.comments.filter((c) => !y.comments.includes(c)).map((c) => `globex lacks "${c}"`), ...y.comments.filter((c) => !x.comments.includes(c)).map((c) => `acme lacks "${c}"`)];
    const acknowledged = (traffic.comments.get(tag) ?? []).filter((c) => !x.comments.includes(c)).map((c) => `"${c}" (acknowledged) is on neither`);
    lost += acknowledged.length;
    if (acknowledged.length > 0) problems.push(`${tag}: ${acknowledged.join('; ')}`);
    if (missing.length > 0) {
      commentGaps.push(`${tag}: ${missing.join('; ')}`);
      problems.push(`${tag}: comment(s) on one side only: ${missing.join('; ')}`);
    }
  }
  return { problems, commentGaps, lost, duplicated, issues: tags.size, comments };
}

/** Issues of acme's project outside the chaos traffic (seeded, brought over by the bulk sync): once each on globex. */
export async function bulkProblems(acme: SiteClient, globex: SiteClient): Promise<string[]> {
  const notChaos = (i: { fields: Record<string, unknown> }) => !/^\[c\d+\]/.test(String(i.fields.summary));
  const mine = (await search(acme, `project = ${acme.project} ORDER BY key`, ['summary'])).filter(notChaos).filter((i) => Number(i.key.split('-')[1]) <= (defaultSeed('acme').issues?.length ?? 0));
  const theirs = (await search(globex, `project = ${globex.project} ORDER BY key`, ['summary'])).filter(notChaos);
  const problems: string[] = [];
  // Globex's own seed has issues of the same summaries (its first keys): copies come after them.
  const seeded = defaultSeed('globex').issues?.length ?? 0;
  const copies = theirs.filter((t) => Number(t.key.split('-')[1]) > seeded);
  for (const i of mine) {
    const n = copies.filter((t) => t.fields.summary === i.fields.summary).length;
    if (n !== 1) problems.push(`bulk-synced ${i.key} "${String(i.fields.summary)}" is on globex ${n} time(s)`);
  }
  return problems;
}
