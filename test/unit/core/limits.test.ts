// The core's abuse limits: per-message checks, the creates-per-minute window, text cut with a
// visible marker, safe link targets and the partner-site check.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { admitCreate, WINDOW_MS, type CreateWindow } from '../../../src/core/limits/create-window';
import { DEFAULT_LIMITS, effectiveLimits } from '../../../src/core/limits/limits';
import { checkMessage } from '../../../src/core/limits/message-limits';
import { truncateDoc, truncateText } from '../../../src/core/limits/truncate';
import { piecesFor } from '../../../src/core/sync/split-entry';
import { partnerLinkProblem } from '../../../src/core/sync/partner-site';
import { safeLinkHref } from '../../../src/core/richtext/safe-link';
import { toPlainText } from '../../../src/core/richtext/plain-text';
import type { RichDoc } from '../../../src/core/richtext/model';
import type { ReplicaBody } from '../../../src/core/protocol/envelope';

const para = (text: string): RichDoc['content'][number] => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const comment = (i: number) => ({ id: `c${i}`, body: { type: 'doc' as const, content: [para(`comment ${i}`)] }, internal: false, author: { displayName: 'A' }, ts: 1, hash: 'a'.repeat(64) });

describe('limits: per message', () => {
  test('the first limit a message goes over is named with its value', () => {
    const limits = effectiveLimits({ commentsPerMessage: 3 });
    assert.equal(checkMessage({ comments: [comment(1)], attachments: [] }, 100, limits), null);
    assert.deepEqual(checkMessage({ comments: [1, 2, 3, 4].map(comment), attachments: [] }, 100, limits), { limit: 'commentsPerMessage', max: 3, actual: 4 });
    assert.deepEqual(checkMessage({ comments: [], attachments: [] }, DEFAULT_LIMITS.messageBytes + 1, limits), { limit: 'messageBytes', max: DEFAULT_LIMITS.messageBytes, actual: DEFAULT_LIMITS.messageBytes + 1 });
  });

  test('property: split pieces keep every comment once, in order, each piece within the limit', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 60 }), (n, max) => {
      const body = { origin: { issueId: '1', issueKey: 'A-1', projectKey: 'A' }, create: false, replica: { fields: {}, comments: Array.from({ length: n }, (_, i) => comment(i)), attachments: [] }, clocks: {} } as ReplicaBody;
      const pieces = piecesFor(body, 'commentsPerMessage', max);
      if (n <= max) return assert.equal(pieces, null);
      assert.ok(pieces);
      assert.ok(pieces.every((p) => p.length > 0 && p.length <= max));
      assert.deepEqual(pieces.flat().map((i) => (i.kind === 'comment' ? i.c.id : '')), body.replica.comments.map((c) => c.id));
    }));
  });
});

describe('limits: creates per minute', () => {
  test('property: within any one-minute window no more than the limit are admitted, and a refusal says when the next window opens', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5 * WINDOW_MS }), { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (offsets, limit) => {
      let w: CreateWindow | null = null;
      const admitted = new Map<number, number>();
      for (const now of [...offsets].sort((a, b) => a - b)) {
        const a = admitCreate(w, now, limit);
        if (a.admitted) {
          w = a.next;
          const k = Math.floor(now / WINDOW_MS);
          admitted.set(k, (admitted.get(k) ?? 0) + 1);
        } else {
          assert.equal(now + a.retryAfterMs, (Math.floor(now / WINDOW_MS) + 1) * WINDOW_MS);
        }
      }
      assert.ok([...admitted.values()].every((c) => c <= limit));
    }));
  });
});

describe('limits: text cut to fit', () => {
  test('property: a cut text fits, keeps its start and ends in the marker', () => {
    fc.assert(fc.property(fc.string({ maxLength: 600 }), fc.integer({ min: 2, max: 300 }), (text, max) => {
      const cut = truncateText(text, max);
      assert.ok(cut.length <= max);
      if (text.length <= max) return assert.equal(cut, text);
      assert.ok(cut.endsWith('…'));
      assert.ok(text.startsWith(cut.slice(0, -1)));
    }));
  });

  test('property: a cut document fits the limit as value checks count it, and says it was cut', () => {
    fc.assert(fc.property(fc.array(fc.string({ minLength: 1, maxLength: 400 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 300, max: 3000 }), (texts, max) => {
      const doc: RichDoc = { type: 'doc', content: texts.map(para) };
      const cut = truncateDoc(doc, max);
      const length = toPlainText(cut).length;
      assert.ok(length <= max, `${length} > ${max}`);
      if (toPlainText(doc).length <= max) return assert.equal(cut, doc);
      assert.match(toPlainText(cut), /cut by Liaison: [\d,]+ of [\d,]+ characters shown/);
    }));
  });
});

describe('links', () => {
  test('only absolute http, https and mailto stay links', () => {
    for (const ok of ['https://x.example/a?b=1', 'http://x.example', 'mailto:help@x.example']) assert.equal(safeLinkHref(ok), ok);
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'java\nscript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html;base64,xx', 'vbscript:x', 'file:///etc/passwd', '/relative', '#top', 'https:', '']) assert.equal(safeLinkHref(bad), null, bad);
  });

  test('the partner issue link must be on the partner\'s own site', () => {
    const jira = { partnerKind: 'jira' as const, partnerEndpoint: 'https://abc.hello.atlassian-dev.net/x1/y' };
    assert.equal(partnerLinkProblem('https://globex.atlassian.net/browse/GLX-1', jira), null);
    assert.match(partnerLinkProblem('https://evil.example/browse/GLX-1', jira) ?? '', /not a Jira Cloud site/);
    assert.match(partnerLinkProblem('http://globex.atlassian.net/browse/GLX-1', jira) ?? '', /not a Jira Cloud site/);
    const recorded = { ...jira, partnerProfile: { name: 'Globex', site: 'https://globex.example.com', contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] }, updatedAt: 1 } };
    assert.match(partnerLinkProblem('https://globex.atlassian.net/browse/GLX-1', recorded) ?? '', /not the partner's site/);
    assert.equal(partnerLinkProblem('https://globex.example.com/browse/GLX-1', recorded), null);
    const sn = { partnerKind: 'servicenow' as const, partnerEndpoint: 'https://initech.service-now.com' };
    assert.equal(partnerLinkProblem('https://initech.service-now.com/incident.do?sys_id=1', sn), null);
    assert.match(partnerLinkProblem('https://initech.service-now.com.evil.example/x', sn) ?? '', /not the partner's site/);
    assert.match(partnerLinkProblem('https://user:pw@initech.service-now.com/x', sn) ?? '', /credentials/);
  });
});
