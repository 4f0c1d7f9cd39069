// The reconciliation sweep during a bulk sync (issue 13): globex's sweep waits while the bulk's
// batches arrive there (and ten minutes after), acme's while its bulk runs, and neither reads back
// the issues the bulk carried or created (an issue Liaison created and nobody touched since is its
// own write); once the bulk is over they catch up from where they stopped, and a person's edit made
// meanwhile whose product event was lost is still mirrored, both ways. Manual clock.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SiteSeed } from '../../../sandbox/jira/types';
import type { BulkStatus } from '../../../src/shared/resolver-contract';
import { startMirror, type Mirror, type SiteHandle } from './support';

const ISSUES = 100;
const MAINTENANCE_MS = 5 * 60_000;

const withIssues = (seed: SiteSeed): SiteSeed => ({
  ...seed,
  issues: [
    ...(seed.issues ?? []),
    ...Array.from({ length: ISSUES }, (_, i) => ({ project: 'ACME', issueType: 'Task', summary: `Backlog ${String(i + 1).padStart(3, '0')}`, priority: 'Medium', labels: ['backlog'] })),
  ],
});

/** What a site's app searched: sweep searches (with the clock), and issues read by id. */
type Searches = { sweeps: number[]; idsRead: string[] };

function watchSearches(m: Mirror, site: SiteHandle): Searches {
  const seen: Searches = { sweeps: [], idsRead: [] };
  const jira = site.jira;
  const request = jira.request.bind(jira);
  jira.request = async (req) => {
    if (req.path === '/rest/api/3/search/jql' && req.body) {
      const jql = String((JSON.parse(String(req.body)) as { jql?: unknown }).jql);
      if (jql.includes('updated >=')) seen.sweeps.push(m.clock.now());
      const ids = /^id in \(([^)]*)\)/.exec(jql)?.[1];
      if (ids) seen.idsRead.push(...ids.split(',').map((s) => s.trim()));
    }
    return request(req);
  };
  return seen;
}

describe('Jira ↔ Jira: the sweep during a bulk sync', () => {
  let m: Mirror;
  let acme: Searches;
  let globex: Searches;

  before(async () => {
    m = await startMirror({ seeds: { acme: withIssues } });
    acme = watchSearches(m, m.acme);
    globex = watchSearches(m, m.globex);
  });
  after(() => m.close());

  test('given a bulk sync, then neither sweep reads its issues back, and edits whose events were lost meanwhile still cross', async () => {
    await m.afterMaintenance();
    const startedAt = m.clock.now();
    const bulk = () => m.acme.admin<BulkStatus>('admin/bulk/status', { connectionId: m.connectionId, projectKey: 'ACME' });
    await m.acme.admin('admin/bulk/start', { connectionId: m.connectionId, projectKey: 'ACME' });
    await m.runDue();
    const [first] = await m.acme.search('project = ACME AND summary ~ "Backlog 001"');
    assert.ok(first && (await bulk()).processed > 0, 'the first page is through');
    // An agent edits an issue the bulk has read already, and its event is lost.
    m.acme.jira.faults.dropEvents({ next: 1, when: (e) => e.eventType === 'avi:jira:updated:issue' });
    await m.acme.edit(first.key, { summary: 'Backlog 001: printer on fire' });

    // A page that meets Forge's storage limit comes back a minute later: let the time pass.
    for (let s = 0; s < 30 && (await bulk()).state === 'running'; s++) await m.advance(10_000);
    assert.equal((await bulk()).state, 'done');
    // The next maintenance comes within ten minutes of globex's last batch: its sweep waits.
    await m.afterMaintenance();
    assert.deepEqual(globex.sweeps.filter((t) => t >= startedAt), [], "globex's sweep waited after the bulk's batches came in");

    // On globex an agent edits a copy the bulk just made, and that event is lost too.
    const [mirrorOf002] = await m.globex.search('project = GLX AND summary ~ "Backlog 002"');
    assert.ok(mirrorOf002);
    m.globex.jira.faults.dropEvents({ next: 1, when: (e) => e.eventType === 'avi:jira:updated:issue' });
    await m.globex.edit(mirrorOf002.key, { priority: { name: 'High' } });

    // The sweeps catch up once the bulk is over (globex's ten minutes after its last batch).
    for (let i = 0; i < 4; i++) await m.advance(MAINTENANCE_MS);
    assert.equal((await m.globex.search('project = GLX AND summary ~ "printer on fire"')).length, 1, "acme's lost edit reached globex");
    const [source002] = await m.acme.search('project = ACME AND summary ~ "Backlog 002"', ['priority']);
    assert.equal((source002?.fields.priority as { name?: string } | undefined)?.name, 'High', "globex's lost edit reached acme");
    assert.ok(acme.sweeps.length > 0 && globex.sweeps.length > 0, 'both sweeps ran after the bulk');

    // What the sweeps read: on acme the bulk's pages (each issue once) and the edited issue; on
    // globex only the edited copy, never the copies the bulk made and nobody touched since.
    const total = ISSUES + 4;
    assert.equal(new Set(acme.idsRead).size, total, 'acme read each issue');
    assert.ok(acme.idsRead.length <= total + 2, `acme read ${acme.idsRead.length} issues for ${total}: the sweep read back no more than the edited one`);
    assert.ok(globex.idsRead.length <= 2 && globex.idsRead.includes(mirrorOf002.id), `globex's sweep read ${JSON.stringify(globex.idsRead)}: the edited copy only`);
  });
});
