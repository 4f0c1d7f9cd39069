import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docFromPlainText, type RichDoc } from '../../../src/core/richtext/model';
import { hashDoc, normalizeDoc } from '../../../src/core/richtext/normalize';
import { toPlainText } from '../../../src/core/richtext/plain-text';
import { richDocSchema } from '../../../src/core/richtext/schema';

const rich: RichDoc = {
  type: 'doc',
  content: [
    { type: 'heading', level: 2, content: [{ type: 'text', text: 'Impact' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'See ' }, { type: 'text', text: 'the runbook', marks: [{ type: 'link', href: 'https://wiki.example/rb' }] }, { type: 'text', text: ', ask ' }, { type: 'degraded', text: '@Ann Agent', origin: 'mention' }, { type: 'degraded', text: ':fire:', origin: 'emoji' }] },
    { type: 'bulletList', items: [[{ type: 'paragraph', content: [{ type: 'text', text: 'login', marks: [{ type: 'strong' }] }] }], [{ type: 'paragraph', content: [{ type: 'text', text: 'billing' }] }, { type: 'orderedList', items: [[{ type: 'paragraph', content: [{ type: 'text', text: 'invoices' }] }]] }]] },
    { type: 'codeBlock', language: 'sh', text: 'curl -I https://api' },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted' }] }] },
    { type: 'table', rows: [{ cells: [{ header: true, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Env' }] }] }, { header: true, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'State' }] }] }] }, { cells: [{ content: [{ type: 'paragraph', content: [{ type: 'text', text: 'prod' }] }] }, { content: [{ type: 'paragraph', content: [{ type: 'text', text: 'down' }] }] }] }] },
    { type: 'rule' },
  ],
};

describe('rich text: neutral model', () => {
  test('the schema accepts every block and inline kind and refuses unknown ones', () => {
    assert.ok(richDocSchema.safeParse(rich).success);
    assert.ok(!richDocSchema.safeParse({ type: 'doc', content: [{ type: 'panel', content: [] }] }).success);
    assert.ok(!richDocSchema.safeParse({ type: 'doc', content: [{ type: 'heading', level: 7, content: [] }] }).success);
  });

  test('the hash ignores how text runs are split, mark order and trailing empty paragraphs', () => {
    const a: RichDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bold', marks: [{ type: 'strong' }, { type: 'em' }] }, { type: 'text', text: ' text', marks: [{ type: 'em' }, { type: 'strong' }] }] }] };
    const b: RichDoc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bold text', marks: [{ type: 'em' }, { type: 'strong' }] }, { type: 'text', text: '' }] }, { type: 'paragraph', content: [] }] };
    assert.equal(hashDoc(a), hashDoc(b));
    assert.deepEqual(normalizeDoc(b).content.length, 1);
  });

  test('the hash sees real changes: text, structure, marks, link targets', () => {
    const base = hashDoc(rich);
    const changed = structuredClone(rich);
    (changed.content[1] as { content: { marks?: { type: string; href?: string }[] }[] }).content[1]!.marks = [{ type: 'link', href: 'https://wiki.example/other' }];
    assert.notEqual(hashDoc(changed), base);
    assert.notEqual(hashDoc({ ...rich, content: rich.content.slice(1) }), base);
  });

  test('plain text keeps structure readable and degraded nodes as text', () => {
    assert.equal(
      toPlainText(rich),
      ['Impact', 'See the runbook (https://wiki.example/rb), ask @Ann Agent:fire:', '- login\n- billing\n  1. invoices', 'curl -I https://api', '> quoted', '| Env | State |\n| prod | down |', '---'].join('\n\n'),
    );
  });

  test('plain text converts back into paragraphs with line breaks', () => {
    const doc = docFromPlainText('one\ntwo\n\nthree');
    assert.equal(toPlainText(doc), 'one\ntwo\n\nthree');
    assert.equal(doc.content.length, 2);
  });
});
