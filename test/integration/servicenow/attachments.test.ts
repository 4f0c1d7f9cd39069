// Attachments between a Jira site and a ServiceNow instance, through the whole app: Jira's go up
// through the Attachment API within the rule's cap and type allowlist (the bytes read from the
// Jira side's own signed link); a record's attachments travel with the record when a notice or a
// poll brings it, and Jira reads their bytes with the instance's credentials. Nothing bounces back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SandboxWorld } from '../../../sandbox/world';
import { SandboxClock } from '../../../sandbox/platform';
import { serviceNowAttachmentId, serviceNowAttachmentSource } from '../../../src/adapters/servicenow/attachment-transfer';
import { ServiceNowClient } from '../../../src/adapters/servicenow/servicenow-client';
import { ServiceNowApiError } from '../../../src/adapters/servicenow/servicenow-errors';
import { ServiceNowTracker } from '../../../src/adapters/servicenow/servicenow-tracker';
import { localIssueId } from '../../../src/core/ids';
import type { AttachmentReplica } from '../../../src/core/replica/replica';
import { TrackerError } from '../../../src/core/sync/tracker-error';
import type { AttachmentMeta } from '../../../src/adapters/servicenow/servicenow-schemas';
import { ServiceNowInstance, type BusinessRuleConfig } from '../../../sandbox/servicenow';
import { appRoot } from '../../support/paths';
import { SiteHandle, T0, type IssueRef } from '../jira-jira/support';
import { basicHttp, INTEGRATION_USER } from './support';

const CAP = 1024;
const PNG_LIKE = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));
const AGENT = { username: 'beth.anglin', password: 'beth-initech-pw' };
const RULE_FIELDS = { summary: { direction: 'both', conflict: 'latest' }, status: { direction: 'both', conflict: 'latest' } };
const VALUE_MAPS = { status: { New: 'To Do', 'In Progress': 'In Progress', Resolved: 'Done', Closed: 'Done' } };

// Built here rather than imported from the adapter: loading @forge/api into the test process ahead
// of the sandbox's runtime would bypass its egress emulation.
function multipartFile(file: { filename: string; mimeType: string; bytes: Uint8Array }) {
  const boundary = 'test-boundary-5e2a';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`);
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: new Uint8Array(Buffer.concat([head, file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)])) };
}

async function attachOnJira(site: SiteHandle, key: string, file: { filename: string; mimeType: string; bytes: Uint8Array }): Promise<string> {
  const form = multipartFile(file);
  const res = await site.jira.request({
    method: 'POST', path: `/rest/api/3/issue/${key}/attachments`, headers: { 'content-type': form.contentType, 'x-atlassian-token': 'no-check' },
    bytes: form.bytes, actor: { accountId: site.site.admin.accountId },
  });
  assert.equal(res.status, 200, `upload ${file.filename}: ${res.body}`);
  return (JSON.parse(res.body as string) as Array<{ id: string }>)[0]!.id;
}

type JiraAttachment = { id: string; filename: string; mimeType: string };
async function jiraAttachments(site: SiteHandle, key: string): Promise<JiraAttachment[]> {
  return ((await site.issue(key, 'attachment')).fields.attachment ?? []) as JiraAttachment[];
}

async function jiraContent(site: SiteHandle, id: string): Promise<Uint8Array> {
  const res = await site.jira.request({ method: 'GET', path: `/rest/api/3/attachment/content/${id}`, headers: {}, actor: { accountId: site.site.admin.accountId } });
  assert.equal(res.status, 200);
  return new Uint8Array(res.bytes ?? Buffer.from(res.body as string, 'latin1'));
}

/** An agent's upload on the instance, straight through the Attachment API. */
async function attachOnServiceNow(sn: ServiceNowInstance, sysId: string, file: { filename: string; mimeType: string; bytes: Uint8Array }): Promise<AttachmentMeta> {
  return new ServiceNowClient(basicHttp(sn, AGENT)).uploadAttachment('incident', sysId, file);
}

describe('jira ↔ servicenow: attachments', () => {
  let world: SandboxWorld;
  let clock: SandboxClock;
  let acme: SiteHandle;
  let sn: ServiceNowInstance;
  let client: ServiceNowClient;
  let connectionId: string;
  let issue: IssueRef;
  let sysId: string;
  let ruleConfig: BusinessRuleConfig;

  const snAttachments = () => client.attachments('incident', sysId);
  const agentEdit = async (values: Record<string, string>) => {
    await clock.advance(1_000);
    await new ServiceNowClient(basicHttp(sn, AGENT)).update('incident', sysId, values);
  };

  before(async () => {
    clock = new SandboxClock({ mode: 'manual', start: T0 });
    world = await SandboxWorld.start({ appDir: appRoot, sites: [{ name: 'acme' }], clock, servicenow: [{ name: 'initech' }] });
    acme = new SiteHandle(world, 'acme');
    sn = world.serviceNow.get('initech')!;
    client = new ServiceNowClient(basicHttp(sn, INTEGRATION_USER));
    const connected = await acme.admin<{ connectionId: string; notice: { url: string; secret: string } }>('admin/connections/servicenow', {
      instanceUrl: sn.instanceUrl, table: 'incident', auth: { kind: 'basic', ...INTEGRATION_USER },
    });
    connectionId = connected.connectionId;
    await acme.admin('admin/rules/save', {
      rule: {
        connectionId, projectKey: acme.project, fields: RULE_FIELDS,
        outgoing: { attachments: { enabled: true, maxBytes: CAP, mimeTypes: ['image/*', 'text/plain'] } },
        incoming: { create: { projectKey: acme.project, issueType: 'Task' }, valueMaps: VALUE_MAPS, attachments: { enabled: true, maxBytes: CAP } },
      },
      comment: 'ServiceNow attachments',
    });
    // The shipped business rule, installed as its guide says (the integration user's writes are ours).
    ruleConfig = {
      url: connected.notice.url, secret: connected.notice.secret, tables: ['incident'], ignoreUsers: [INTEGRATION_USER.username],
      post: async (url, body, headers) => {
        const u = new URL(url);
        return world.platform.handleWebTrigger({ method: 'POST', path: u.pathname + u.search, headers, body });
      },
    };
    sn.enableBusinessRule(ruleConfig);
    issue = await acme.createIssue({ summary: 'Screenshots of the outage' });
    await world.settle();
    const found = await client.list('incident', { query: 'short_description=Screenshots of the outage', fields: ['sys_id'] });
    assert.equal(found.records.length, 1, 'the incident exists once');
    sysId = String(found.records[0]!.sys_id);
  });
  after(() => world.close());

  test('a binary image added on Jira is uploaded to the incident byte for byte, with its type, by the integration user', async () => {
    await attachOnJira(acme, issue.key, { filename: 'crash.png', mimeType: 'image/png', bytes: PNG_LIKE });
    await world.settle();
    const uploaded = (await snAttachments()).filter((a) => a.file_name === 'crash.png');
    assert.equal(uploaded.length, 1, 'exactly one copy arrives');
    assert.equal(uploaded[0]!.content_type, 'image/png');
    assert.equal(uploaded[0]!.size_bytes, PNG_LIKE.length);
    assert.equal(uploaded[0]!.sys_created_by, INTEGRATION_USER.username);
    assert.deepEqual(await client.attachmentContent(uploaded[0]!.sys_id), PNG_LIKE);
  });

  test('over the cap or of a type the rule does not allow stays on Jira, and the preview says why', async () => {
    await attachOnJira(acme, issue.key, { filename: 'dump.png', mimeType: 'image/png', bytes: new Uint8Array(CAP + 1) });
    await attachOnJira(acme, issue.key, { filename: 'setup.exe', mimeType: 'application/x-msdownload', bytes: new Uint8Array([77, 90]) });
    await world.settle();
    const names = (await snAttachments()).map((a) => a.file_name);
    assert.ok(!names.includes('dump.png') && !names.includes('setup.exe'), `nothing withheld arrives: ${names.join(', ')}`);
    const preview = await acme.admin<{ withheld: Array<{ field: string; reason: string }> }>('admin/preview', { connectionId, issueKey: issue.key });
    const why = Object.fromEntries(preview.withheld.map((w) => [w.field, w.reason]));
    assert.match(why['attachment dump.png'] ?? '', /exceeds the 1024-byte cap/);
    assert.match(why['attachment setup.exe'] ?? '', /type application\/x-msdownload is not allowed/);
  });

  test("an agent's attachment added on its own is noticed at once (the attachment rule), and Jira holds the same bytes", async () => {
    const log = new TextEncoder().encode('2030-01-07 09:00:01 ERROR disk full\n');
    // Attaching does not touch the record: the guide's second rule, on sys_attachment, sends its notice.
    await attachOnServiceNow(sn, sysId, { filename: 'server.log', mimeType: 'text/plain', bytes: log });
    await world.settle();
    const mirrored = (await jiraAttachments(acme, issue.key)).filter((a) => a.filename === 'server.log');
    assert.equal(mirrored.length, 1, 'exactly one copy arrives');
    assert.equal(mirrored[0]!.mimeType, 'text/plain');
    assert.deepEqual(await jiraContent(acme, mirrored[0]!.id), log);
  });

  test('without the attachment rule, a file travels with the next pushed change of the incident', async () => {
    sn.enableBusinessRule({ ...ruleConfig, attachments: false });
    try {
      const trace = new TextEncoder().encode('trace: 0xdeadbeef');
      await attachOnServiceNow(sn, sysId, { filename: 'trace.txt', mimeType: 'text/plain', bytes: trace });
      await world.settle();
      assert.equal((await jiraAttachments(acme, issue.key)).filter((a) => a.filename === 'trace.txt').length, 0, 'nothing noticed yet');
      await agentEdit({ state: '2' });
      await world.settle();
      assert.equal(await acme.status(issue.key), 'In Progress');
      const mirrored = (await jiraAttachments(acme, issue.key)).filter((a) => a.filename === 'trace.txt');
      assert.equal(mirrored.length, 1, 'exactly one copy arrives');
      assert.deepEqual(await jiraContent(acme, mirrored[0]!.id), trace);
    } finally {
      sn.enableBusinessRule(ruleConfig);
    }
  });

  test('an attachment added between polls arrives with the polled record, once', async () => {
    sn.disableBusinessRule();
    const notes = new TextEncoder().encode('rack 4, slot 2');
    await attachOnServiceNow(sn, sysId, { filename: 'notes.txt', mimeType: 'text/plain', bytes: notes });
    await agentEdit({ short_description: 'Screenshots of the outage (rack 4)' });
    await clock.advance(5 * 60_000);
    await world.settle();
    assert.equal((await acme.issue(issue.key, 'summary')).fields.summary, 'Screenshots of the outage (rack 4)');
    const mirrored = (await jiraAttachments(acme, issue.key)).filter((a) => a.filename === 'notes.txt');
    assert.equal(mirrored.length, 1);
    assert.deepEqual(await jiraContent(acme, mirrored[0]!.id), notes);
  });

  test('a file added on its own while notices are off arrives with the next poll, once', async () => {
    sn.disableBusinessRule();
    const photo = new TextEncoder().encode('photo of rack 4');
    await attachOnServiceNow(sn, sysId, { filename: 'rack.jpg', mimeType: 'image/jpeg', bytes: photo });
    await world.settle();
    assert.equal((await jiraAttachments(acme, issue.key)).filter((a) => a.filename === 'rack.jpg').length, 0, 'nothing noticed yet');
    await clock.advance(5 * 60_000);
    await world.settle();
    const mirrored = (await jiraAttachments(acme, issue.key)).filter((a) => a.filename === 'rack.jpg');
    assert.equal(mirrored.length, 1);
    assert.deepEqual(await jiraContent(acme, mirrored[0]!.id), photo);
    // Later polls find nothing new in the attachments: still one copy.
    await clock.advance(5 * 60_000);
    await world.settle();
    assert.equal((await jiraAttachments(acme, issue.key)).filter((a) => a.filename === 'rack.jpg').length, 1);
  });

  test('nothing bounces: later changes and polls leave one copy of everything on each side', async () => {
    await acme.edit(issue.key, { summary: 'Screenshots of the outage (rack 4, fixed)' });
    await world.settle();
    await agentEdit({ short_description: 'Screenshots of the outage (rack 4, disk replaced)' });
    await clock.advance(5 * 60_000);
    await world.settle();
    await clock.advance(5 * 60_000);
    await world.settle();
    const count = (names: string[]) => Object.fromEntries([...new Set(names)].map((n) => [n, names.filter((x) => x === n).length]));
    assert.deepEqual(count((await snAttachments()).map((a) => a.file_name)), { 'crash.png': 1, 'server.log': 1, 'trace.txt': 1, 'notes.txt': 1, 'rack.jpg': 1 });
    assert.deepEqual(count((await jiraAttachments(acme, issue.key)).map((a) => a.filename)), { 'crash.png': 1, 'dump.png': 1, 'setup.exe': 1, 'server.log': 1, 'trace.txt': 1, 'notes.txt': 1, 'rack.jpg': 1 });
  });

  test('a record attachment over the Jira rule\'s incoming cap stays on ServiceNow, and the refusal is recorded', async () => {
    await attachOnServiceNow(sn, sysId, { filename: 'core.dump', mimeType: 'application/octet-stream', bytes: new Uint8Array(CAP + 10) });
    await agentEdit({ work_notes: 'core dump attached' });
    await clock.advance(5 * 60_000);
    await world.settle();
    assert.equal((await jiraAttachments(acme, issue.key)).filter((a) => a.filename === 'core.dump').length, 0);
    const errors = await acme.admin<Array<{ field: string; value: string; reason: string }>>('admin/errors/list', { connectionId });
    const refusal = errors.find((e) => e.value === 'core.dump');
    assert.ok(refusal, JSON.stringify(errors));
    assert.match(refusal.reason, /1034 bytes exceeds the local 1024-byte cap/);
    assert.ok((await acme.comments(issue.key)).some((c) => c.text.includes('core dump attached')), 'the rest of the change applied');
  });
});

describe('the ServiceNow tracker\'s attachment transfer, against the emulator', () => {
  const JIRA_REF = 'https://acme-inbox.hello.atlassian-dev.net/x1/inbox?attachment=10001&sig=abc';
  const replica = (over: Partial<AttachmentReplica> = {}): AttachmentReplica => ({ id: '10001', filename: 'trace.txt', mimeType: 'text/plain', size: 5, ref: JIRA_REF, ...over });
  let sn: ServiceNowInstance;
  let client: ServiceNowClient;
  let sysId: string;

  before(async () => {
    sn = new ServiceNowInstance({ name: 'initech', attachmentMaxBytes: 64 });
    client = new ServiceNowClient(basicHttp(sn, INTEGRATION_USER));
    sysId = String((await client.create('incident', { short_description: 'Attachment transfer' }, { fields: ['sys_id'] })).sys_id);
  });
  after(() => sn.close());

  const tracker = (attachments?: ConstructorParameters<typeof ServiceNowTracker>[0]['attachments']) =>
    new ServiceNowTracker({ http: basicHttp(sn, INTEGRATION_USER), instanceUrl: sn.instanceUrl, table: 'incident', ...(attachments ? { attachments } : {}) });
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (x: unknown) => x);
    assert.ok(e instanceof TrackerError, `expected a TrackerError, got ${String(e)}`);
    return e;
  };

  test('the bytes the source gives are uploaded to the record; a type that is no MIME type goes as octet-stream', async () => {
    const asked: string[] = [];
    const t = tracker({ source: async (ref) => (asked.push(ref), new TextEncoder().encode('hello')) });
    const id = await t.addAttachment(localIssueId(sysId), replica());
    const odd = await t.addAttachment(localIssueId(sysId), replica({ id: '10002', filename: 'blob', mimeType: 'not a type' }));
    assert.deepEqual(asked, [JIRA_REF, JIRA_REF]);
    const listed = await client.attachments('incident', sysId);
    assert.deepEqual(listed.map((a) => [a.sys_id, a.file_name, a.content_type, a.size_bytes]), [[id, 'trace.txt', 'text/plain', 5], [odd, 'blob', 'application/octet-stream', 5]]);
    assert.equal(new TextDecoder().decode(await client.attachmentContent(id)), 'hello');
    // Attaching is no update of the record: a poll by sys_updated_on does not see it as a change.
    assert.equal((await client.get('incident', sysId, { fields: ['sys_mod_count'] }))!.sys_mod_count, '0');
  });

  test('without a source, over the cap (declared or received) or refused by the instance: a permanent error on "attachments"', async () => {
    const before = (await client.attachments('incident', sysId)).length;
    let fetched = 0;
    const tenBytes = async () => (fetched++, new Uint8Array(10));
    const cases = [
      await refusal(tracker().addAttachment(localIssueId(sysId), replica())),
      await refusal(tracker({ source: tenBytes, maxBytes: 8 }).addAttachment(localIssueId(sysId), replica({ size: 9 }))),
      await refusal(tracker({ source: tenBytes, maxBytes: 8 }).addAttachment(localIssueId(sysId), replica({ size: 4 }))),
      await refusal(tracker({ source: async () => new Uint8Array(65) }).addAttachment(localIssueId(sysId), replica({ size: 65 }))),
    ];
    assert.deepEqual(cases.map((e) => [e.transient, e.field]), [[false, 'attachments'], [false, 'attachments'], [false, 'attachments'], [false, 'attachments']]);
    assert.match(cases[0]!.message, /no attachment source is configured/);
    assert.match(cases[1]!.message, /9 bytes exceeds the 8-byte cap/);
    assert.match(cases[2]!.message, /10 bytes exceeds the 8-byte cap/);
    assert.equal(fetched, 1, 'a declared size over the cap is refused before anything is fetched');
    assert.ok(cases[3] instanceof ServiceNowApiError && cases[3].status === 400, cases[3]!.message);
    assert.match(cases[3]!.message, /ServiceNow refused \(400\)/);
    assert.equal((await client.attachments('incident', sysId)).length, before, 'nothing was stored');
  });

  test('a source that cannot answer now is transient: the whole apply is tried again later', async () => {
    const e = await refusal(tracker({ source: async () => Promise.reject(new Error('the partner answered 503')) }).addAttachment(localIssueId(sysId), replica()));
    assert.equal(e.transient, true);
    assert.match(e.message, /could not fetch the content \(the partner answered 503\)/);
  });

  test('a record\'s attachments are in its snapshot with their download link; a tracker told none are shared does not read them', async () => {
    const meta = await client.uploadAttachment('incident', sysId, { filename: 'shot.png', mimeType: 'image/png', bytes: new Uint8Array([9, 9]) });
    const snapshot = await tracker().getIssue(localIssueId(sysId));
    assert.deepEqual(snapshot?.attachments.find((a) => a.id === meta.sys_id), { id: meta.sys_id, filename: 'shot.png', mimeType: 'image/png', size: 2, ref: meta.download_link });
    const paths: string[] = [];
    const http = basicHttp(sn, INTEGRATION_USER);
    const counting = new ServiceNowTracker({
      http: { request: (method, path, body) => (paths.push(path.split('?')[0]!), http.request(method, path, body)) },
      instanceUrl: sn.instanceUrl, table: 'incident', read: { attachments: false },
    });
    assert.deepEqual((await counting.getIssue(localIssueId(sysId)))?.attachments, []);
    assert.deepEqual(paths, [`/api/now/table/incident/${sysId}`, '/api/now/table/sys_journal_field']);
  });

  test('the Jira side reads only this instance\'s download links, by sys_id, with the instance credentials', async () => {
    const meta = await client.uploadAttachment('incident', sysId, { filename: 'a.bin', mimeType: 'application/octet-stream', bytes: new Uint8Array([1, 2, 3]) });
    assert.equal(serviceNowAttachmentId(meta.download_link!, sn.instanceUrl), meta.sys_id);
    assert.equal(serviceNowAttachmentId(`${sn.instanceUrl}/api/now/v1/attachment/${meta.sys_id}/file`, sn.instanceUrl), meta.sys_id);
    for (const foreign of [
      `https://evil.service-now.com/api/now/attachment/${meta.sys_id}/file`,
      `${sn.instanceUrl}/api/now/attachment/${meta.sys_id}`,
      `${sn.instanceUrl}/api/now/attachment/${meta.sys_id}/file?redirect=https://evil.example`,
      `${sn.instanceUrl}/api/now/table/incident/${sysId}`,
      'not a url',
    ]) assert.equal(serviceNowAttachmentId(foreign, sn.instanceUrl), null, foreign);
    const source = serviceNowAttachmentSource(client, sn.instanceUrl);
    assert.deepEqual(await source(meta.download_link!, { id: meta.sys_id, size: 3 }), new Uint8Array([1, 2, 3]));
    const e = await refusal(source(`https://evil.service-now.com/api/now/attachment/${meta.sys_id}/file`, { id: meta.sys_id, size: 3 }));
    assert.equal(e.transient, false);
  });
});
