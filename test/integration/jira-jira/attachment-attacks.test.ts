// A partner holding the real connection secret tries to make globex fetch "attachments" from places
// that are not the partner's own signed links: a ServiceNow table URL, another site's web trigger,
// the right host on another path, an expired or badly signed link. Each is refused before any
// request leaves globex, nothing is reflected in the answer, and the pair shows the error. A real
// attachment whose fetch meets a partner outage stays a visible error, is never answered "applied"
// without the file, and arrives exactly once when the partner is back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, type Envelope } from '../../../src/core/protocol/envelope';
import { buildAttachmentRef } from '../../../src/core/protocol/attachment-ref';
import { signEnvelope } from '../../../src/core/protocol/sign';
import type { HostHandler, HostRequest } from '../../../sandbox/platform/types';
import { startMirror, type IssueRef, type Mirror, type SiteHandle } from './support';

const CAP = 64 * 1024;
const FILE = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));

type PairRow = { pairId: string; localIssueId: string | null; attachments: { mirrored: Record<string, string | null> } };
type ErrorRow = { record: { pairId: string | null; field: string; value: string; reason: string } };

const rows = <T>(site: SiteHandle, entity: string): T[] => site.site.installation.store.all(`entity:${entity}`).map((r) => JSON.parse(r.value) as T);
const pairOn = (site: SiteHandle, issue: IssueRef): PairRow => {
  const found = rows<{ record: PairRow }>(site, 'liaison-pair').map((p) => p.record).find((p) => p.localIssueId === issue.id);
  assert.ok(found, `${site.name}: no pair for ${issue.key}`);
  return found;
};
const errorsOf = (site: SiteHandle, pairId: string) => rows<ErrorRow>(site, 'liaison-sync-error').map((e) => e.record).filter((e) => e.pairId === pairId);

/** The connection secret as acme keeps it: the attacker holds exactly this. */
function connectionSecret(site: SiteHandle): string {
  const row = site.site.installation.store.all('secret').find((r) => r.key.startsWith('secret:connection:'));
  assert.ok(row, 'acme keeps a connection secret');
  const value = JSON.parse(row.value) as unknown;
  return typeof value === 'string' ? value : (value as { value: string }).value;
}

async function attach(site: SiteHandle, key: string, filename: string, bytes: Uint8Array): Promise<void> {
  const boundary = 'attack-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`);
  const res = await site.jira.request({
    method: 'POST', path: `/rest/api/3/issue/${key}/attachments`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-atlassian-token': 'no-check' },
    bytes: new Uint8Array(Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)])), actor: { accountId: site.site.admin.accountId },
  });
  assert.equal(res.status, 200, String(res.body));
}

async function attachmentsOn(site: SiteHandle, key: string): Promise<Array<{ id: string; filename: string }>> {
  return ((await site.issue(key, 'attachment')).fields.attachment ?? []) as Array<{ id: string; filename: string }>;
}

describe('jira ↔ jira: attachment links are fetched only from the partner itself', () => {
  let m: Mirror;
  let pair: { source: IssueRef; mirror: IssueRef };
  let seq = 1000;
  const egressOfGlobex = () => m.globex.recorder.entries({ kind: 'egress' }).length;

  /** A replica from "acme" carrying one attachment with `ref`, signed with the real secret, POSTed to globex's inbox. */
  async function sendHostile(ref: string, attachmentId: string) {
    const env: Envelope = {
      v: PROTOCOL_VERSION, connectionId: m.connectionId, messageId: randomUUID(), pairId: pairOn(m.globex, pair.mirror).pairId, seq: ++seq, sentAt: m.clock.now(), kind: 'replica',
      body: {
        origin: { issueId: pair.source.id, issueKey: pair.source.key, projectKey: m.acme.project },
        create: false,
        replica: { fields: {}, comments: [], attachments: [{ id: attachmentId, filename: `loot-${attachmentId}.txt`, mimeType: 'text/plain', size: 10, ref }] },
        clocks: {},
      },
    };
    const inbox = new URL(m.globex.site.installation.webTriggerUrl('partner-inbox'));
    const res = await m.world.platform.hosts.resolve(inbox.hostname)!.request({ method: 'POST', path: inbox.pathname, headers: { 'content-type': 'application/json' }, body: signEnvelope(env, connectionSecret(m.acme)) });
    await m.settle();
    return res;
  }

  before(async () => {
    m = await startMirror();
    for (const site of [m.acme, m.globex]) {
      await m.saveRule(site, (r) => ({
        ...r,
        outgoing: { ...r.outgoing, attachments: { enabled: true, maxBytes: CAP, mimeTypes: ['text/plain'] } },
        incoming: { ...r.incoming, attachments: { enabled: true, maxBytes: CAP } },
      }));
    }
    await m.settle();
    pair = await m.createMirrored(m.acme, { summary: 'Logs from the outage' });
  });
  after(() => m.close());

  const acmeInbox = () => m.acme.site.installation.webTriggerUrl('partner-inbox');
  const refFor = (base: string, attachmentId: string, over: { secret?: string; exp?: number } = {}) =>
    buildAttachmentRef(base, over.secret ?? connectionSecret(m.acme), { connectionId: m.connectionId, pairId: pairOn(m.globex, pair.mirror).pairId, attachmentId, exp: over.exp ?? m.clock.now() + 60_000 });

  const cases: Array<[string, () => string, RegExp]> = [
    ["the ServiceNow instance's table URL", () => 'https://initech.service-now.com/api/now/table/sys_user?sysparm_limit=1', /not on the partner's own site/],
    ["another site's web trigger (globex's own inbox)", () => refFor(m.globex.site.installation.webTriggerUrl('partner-inbox'), 'b'), /not (on the partner's own site|the partner's own web trigger)/],
    ["the right host on another path (acme's ServiceNow notice web trigger)", () => refFor(m.acme.site.installation.webTriggerUrl('servicenow-notice'), 'c'), /not the partner's own web trigger/],
    ['the right host on a path below the inbox', () => refFor(`${acmeInbox()}/deeper`, 'f'), /not the partner's own web trigger/],
    ['an expired link', () => refFor(acmeInbox(), 'd', { exp: m.clock.now() - 1 }), /expired/],
    ['a badly signed link', () => refFor(acmeInbox(), 'e', { secret: 'guessed-secret-0123456789abcdef' }), /not signed by this connection/],
  ];
  for (const [what, ref, why] of cases) {
    test(`a replica whose attachment link is ${what} is refused unfetched, with the error on the pair`, async () => {
      const before = egressOfGlobex();
      const link = ref();
      const id = new URL(link).searchParams.get('attachment') ?? 'a';
      const res = await sendHostile(link, id);
      assert.equal(egressOfGlobex(), before, 'globex fetched nothing');
      assert.equal(res.status, 200, `the rest of the message applies; the attachment is refused on its own: ${res.body}`);
      const ack = JSON.parse(res.body ?? '{}') as { envelope: { body: { errors: Array<{ field: string; reason: string }> } } };
      assert.ok(ack.envelope.body.errors.some((e) => e.field === 'attachments' && why.test(e.reason)), JSON.stringify(ack.envelope.body.errors));
      assert.ok(!(res.body ?? '').includes(link), 'the link is not echoed back');
      const shown = errorsOf(m.globex, pairOn(m.globex, pair.mirror).pairId).filter((e) => e.value === `loot-${id}.txt`);
      assert.equal(shown.length, 1, 'the refusal shows on the pair');
      assert.match(shown[0]!.reason, /refused before any fetch/);
      assert.ok(!(await attachmentsOn(m.globex, pair.mirror.key)).some((a) => a.filename === `loot-${id}.txt`), 'nothing was attached');
    });
  }

  test('a partner outage during the fetch stays a visible, retried error; after recovery the file arrives exactly once', async () => {
    const inbox = new URL(acmeInbox());
    const real = m.world.platform.hosts.resolve(inbox.hostname)!;
    let down = true;
    const seen: string[] = [];
    const flaky: HostHandler = {
      request: (req: HostRequest) => {
        seen.push(req.method);
        // acme's inbox refuses content downloads while "down"; what it answers is never repeated.
        return down && req.method === 'GET' ? Promise.resolve({ status: 503, headers: { 'content-type': 'text/plain' }, body: 'SECRET-UPSTREAM-PAGE internal details' }) : real.request(req);
      },
    };
    m.world.platform.hosts.register(inbox.hostname, flaky);
    try {
      await attach(m.acme, pair.source.key, 'trace.txt', FILE);
      await m.settle();
      const pairId = pairOn(m.globex, pair.mirror).pairId;
      assert.ok(seen.includes('GET'), 'globex tried to fetch the content');
      assert.equal((await attachmentsOn(m.globex, pair.mirror.key)).filter((a) => a.filename === 'trace.txt').length, 0);
      const pending = errorsOf(m.globex, pairId).filter((e) => e.value === 'trace.txt');
      assert.equal(pending.length, 1, 'one visible error for the file');
      assert.match(pending[0]!.reason, /partner answered 503/);
      assert.ok(!pending[0]!.reason.includes('SECRET-UPSTREAM-PAGE'), 'the partner\'s answer is not reflected');
      const sourceId = (await attachmentsOn(m.acme, pair.source.key)).find((a) => a.filename === 'trace.txt')!.id;
      assert.equal(pairOn(m.globex, pair.mirror).attachments.mirrored[sourceId] ?? null, null, 'the file is not recorded as mirrored');
      const answers = m.acme.recorder.entries({ kind: 'egress', method: 'POST' }).map((e) => e.status);
      assert.ok(answers.includes(503), `acme was told to retry: ${answers.join(',')}`);

      // The partner's retries meet the outage too: still no "applied" without the file.
      await m.advance(60_000);
      assert.equal((await attachmentsOn(m.globex, pair.mirror.key)).filter((a) => a.filename === 'trace.txt').length, 0);
      assert.equal(errorsOf(m.globex, pairId).filter((e) => e.value === 'trace.txt').length, 1, 'replaced on each try, not piled up');

      down = false;
      for (let i = 0; i < 12 && !(await attachmentsOn(m.globex, pair.mirror.key)).some((a) => a.filename === 'trace.txt'); i++) await m.advance(5 * 60_000);
      const arrived = (await attachmentsOn(m.globex, pair.mirror.key)).filter((a) => a.filename === 'trace.txt');
      assert.equal(arrived.length, 1, 'the file arrives exactly once');
      const content = await m.globex.jira.request({ method: 'GET', path: `/rest/api/3/attachment/content/${arrived[0]!.id}`, headers: {}, actor: { accountId: m.globex.site.admin.accountId } });
      assert.deepEqual(new Uint8Array(content.bytes ?? Buffer.alloc(0)), FILE);
      assert.equal(errorsOf(m.globex, pairId).filter((e) => e.value === 'trace.txt').length, 0, 'the error goes once the file is there');
      await m.advance(10 * 60_000);
      assert.equal((await attachmentsOn(m.globex, pair.mirror.key)).filter((a) => a.filename === 'trace.txt').length, 1, 'and it stays once');
      assert.equal((await attachmentsOn(m.acme, pair.source.key)).filter((a) => a.filename === 'trace.txt').length, 1, 'no echo back to acme');
    } finally {
      m.world.platform.hosts.register(inbox.hostname, real);
    }
  });
});
