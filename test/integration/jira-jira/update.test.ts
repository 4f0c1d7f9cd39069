// Edits on one side show on the other: every field kind the brief lists, status through globex's
// own (longer) workflow, comments added, edited and deleted, internal comments staying home.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_WORKFLOW } from '../../../sandbox/jira/seed';
import type { SiteSeed } from '../../../sandbox/jira';
import { plainText, startMirror, traffic, type Mirror } from './support';

/** One person who works with both companies, known to each Jira by the same email. */
const SAM = { email: 'sam@partner-consulting.example', acme: 'acme-sam-0001', globex: 'globex-sam-0001' };

function withSam(site: 'acme' | 'globex') {
  return (seed: SiteSeed): SiteSeed => ({
    ...seed,
    users: [...seed.users, { accountId: SAM[site], displayName: `Sam Shared (${site})`, emailAddress: SAM.email, accountType: 'atlassian' }],
  });
}

/** Globex reviews work before closing it: Done is reachable only from In Review. */
function reviewWorkflow(seed: SiteSeed): SiteSeed {
  const statuses = [...DEFAULT_WORKFLOW.statuses, { id: '10003', name: 'In Review', category: 'indeterminate' as const }];
  const transitions = [
    { id: '11', name: 'Reopen', from: ['10001', '10002', '10003'], to: '10000' },
    { id: '21', name: 'Start', from: ['10000'], to: '10001' },
    { id: '41', name: 'Send to review', from: ['10001'], to: '10003' },
    { id: '31', name: 'Approve', from: ['10003'], to: '10002' },
  ];
  return { ...seed, projects: seed.projects.map((p) => ({ ...p, workflow: { ...p.workflow, statuses, transitions } })) };
}

/** ADF with only what a reader sees: node types, text, marks, heading levels, code languages. */
function shape(node: unknown): unknown {
  if (!node || typeof node !== 'object') return node;
  const n = node as { type: string; text?: string; marks?: Array<{ type: string }>; attrs?: Record<string, unknown>; content?: unknown[] };
  return {
    type: n.type,
    ...(n.text !== undefined ? { text: n.text } : {}),
    ...(n.marks?.length ? { marks: n.marks.map((mk) => mk.type) } : {}),
    ...(n.attrs?.level !== undefined ? { level: n.attrs.level } : {}),
    ...(n.attrs?.language !== undefined ? { language: n.attrs.language } : {}),
    ...(n.content ? { content: n.content.map(shape) } : {}),
  };
}

const p = (text: string, marks?: Array<{ type: string }>) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });
const li = (text: string) => ({ type: 'listItem', content: [p(text)] });
const cell = (type: 'tableHeader' | 'tableCell', text: string) => ({ type, attrs: {}, content: [p(text)] });

const RICH_DESCRIPTION = {
  type: 'doc',
  version: 1,
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Steps to reproduce' }] },
    { type: 'orderedList', attrs: { order: 1 }, content: [li('Open the checkout'), li('Pay with a 3DS card')] },
    p('Expected: the payment goes through.', [{ type: 'strong' }]),
    { type: 'bulletList', content: [li('Chrome 131'), li('Firefox 133')] },
    { type: 'codeBlock', attrs: { language: 'bash' }, content: [{ type: 'text', text: 'curl -X POST https://shop.example/pay\n# 502 Bad Gateway' }] },
    {
      type: 'table', attrs: { isNumberColumnEnabled: false, layout: 'default' },
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Card'), cell('tableHeader', 'Result')] },
        { type: 'tableRow', content: [cell('tableCell', 'Visa'), cell('tableCell', 'declined')] },
      ],
    },
  ],
};

describe('Jira ↔ Jira: updates', () => {
  let m: Mirror;
  before(async () => {
    m = await startMirror({ seeds: { acme: withSam('acme'), globex: (s) => reviewWorkflow(withSam('globex')(s)) } });
  });
  after(() => m.close());

  test('summary, rich description, priority, labels, due date, assignee and custom fields reach globex in one edit', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Payments: 3DS cards fail' });
    await m.acme.edit(source.key, {
      summary: 'Payments: 3DS cards fail at checkout',
      description: RICH_DESCRIPTION,
      priority: { name: 'Highest' },
      labels: ['payments', 'customer'],
      duedate: '2030-03-15',
      assignee: { accountId: SAM.acme },
      customfield_10020: 'CR-3001',
      customfield_10021: 42,
      customfield_10022: { value: 'Sev 1' },
    });
    await m.settle();
    const copy = (await m.globex.issue(mirror.key)).fields;
    assert.equal(copy.summary, 'Payments: 3DS cards fail at checkout');
    assert.deepEqual(shape(copy.description), shape(RICH_DESCRIPTION), 'headings, lists, marks, code and table survive the trip');
    assert.equal((copy.priority as { name: string }).name, 'Highest');
    assert.deepEqual([...(copy.labels as string[])].sort(), ['customer', 'payments']);
    assert.equal(copy.duedate, '2030-03-15');
    assert.equal((copy.assignee as { accountId: string } | null)?.accountId, SAM.globex, 'the assignee is matched by email');
    assert.equal(copy.customfield_10020, 'CR-3001');
    assert.equal(copy.customfield_10021, 42);
    assert.equal((copy.customfield_10022 as { value: string }).value, 'Sev 1');
    assert.deepEqual(await m.globex.admin('admin/errors/list', { connectionId: m.connectionId }), []);

    // Clearing values clears them on the partner too.
    await m.acme.edit(source.key, { duedate: null, assignee: null, customfield_10020: null });
    await m.settle();
    const cleared = (await m.globex.issue(mirror.key, 'duedate,assignee,customfield_10020')).fields;
    assert.deepEqual([cleared.duedate ?? null, cleared.assignee ?? null, cleared.customfield_10020 ?? null], [null, null, null]);
  });

  test("status follows through globex's own workflow, and back", async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Status: walk the partner workflow' });
    await m.acme.transition(source.key, 'Done');
    await m.settle();
    assert.equal(await m.globex.status(mirror.key), 'Done', 'To Do → In Progress → In Review → Done on globex');
    const log = await m.globex.rest<{ values: Array<{ items: Array<{ field: string; toString: string | null }> }> }>('GET', `/rest/api/3/issue/${mirror.key}/changelog`);
    assert.deepEqual(log.values.flatMap((v) => v.items).filter((i) => i.field === 'status').map((i) => i.toString), ['In Progress', 'In Review', 'Done']);

    await m.globex.transition(mirror.key, 'To Do');
    await m.settle();
    assert.equal(await m.acme.status(source.key), 'To Do', 'globex reopening reopens acme');
  });

  test('edits on globex flow back to acme, and nothing echoes once both sides agree', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Two-way: original' });
    await m.globex.edit(mirror.key, { summary: 'Two-way: edited on globex', labels: ['from-globex'] });
    await m.settle();
    const back = (await m.acme.issue(source.key, 'summary,labels')).fields;
    assert.equal(back.summary, 'Two-way: edited on globex');
    assert.deepEqual(back.labels, ['from-globex']);
    const before = traffic(m);
    await m.advance(60_000);
    assert.equal(traffic(m), before, 'no message crossed after convergence');
  });

  test('comments are added, edited and deleted on the partner; internal ones stay home', async () => {
    const { source, mirror } = await m.createMirrored(m.acme, { summary: 'Comments: lifecycle' });
    const publicId = await m.acme.addComment(source.key, 'Customer confirmed the fix works.');
    await m.acme.addComment(source.key, 'Internal: customer is on a legacy contract.', { internal: true });
    await m.settle();
    let there = await m.globex.comments(mirror.key);
    assert.equal(there.length, 1, 'only the public comment leaves acme');
    assert.match(there[0]!.text, /Customer confirmed the fix works\.$/);
    assert.equal(there[0]!.internal, false);

    await m.acme.rest('PUT', `/rest/api/3/issue/${source.key}/comment/${publicId}`, { body: { type: 'doc', version: 1, content: [p('Customer confirmed the fix works on all cards.')] } });
    await m.settle();
    there = await m.globex.comments(mirror.key);
    assert.deepEqual(there.map((c) => c.text.endsWith('Customer confirmed the fix works on all cards.')), [true], 'the edit replaced the copy');

    const reply = await m.globex.addComment(mirror.key, 'Globex: thanks, closing on our side.');
    await m.settle();
    const acmeSide = await m.acme.comments(source.key);
    assert.equal(acmeSide.filter((c) => c.text.endsWith('Globex: thanks, closing on our side.')).length, 1);
    assert.equal(acmeSide.filter((c) => c.internal).length, 1, 'the internal comment is still there, only on acme');

    await m.acme.rest('DELETE', `/rest/api/3/issue/${source.key}/comment/${publicId}`);
    await m.settle();
    there = await m.globex.comments(mirror.key);
    assert.deepEqual(there.map((c) => c.id), [reply], 'the deleted comment is gone from globex; globex\'s own stays');
    assert.ok(!plainText(there).includes('legacy contract'));
  });
});
