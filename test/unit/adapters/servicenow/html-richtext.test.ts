// ServiceNow HTML and journal text ⇄ the core's rich text: what real editor HTML becomes, that our
// own HTML reads back to the same document, and that no input, however broken, makes it throw.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeDoc } from '../../../../src/core/richtext/normalize';
import { richDocSchema } from '../../../../src/core/richtext/schema';
import type { Block, Inline, Mark, RichDoc } from '../../../../src/core/richtext/model';
import { htmlToRich, journalToRich, plainToRich, richToHtml, richToJournal } from '../../../../src/adapters/servicenow/html-richtext';
import { docArb } from './support/rich-arbitrary';

const p = (...content: Inline[]): Block => ({ type: 'paragraph', content });
const t = (text: string, ...marks: Mark[]): Inline => (marks.length ? { type: 'text', text, marks } : { type: 'text', text });

const tagSoup = fc.array(
  fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.constantFrom('<p>', '</p>', '<div>', '</div>', '<ul>', '</ul>', '<ol start="3">', '</ol>', '<li>', '</li>', '<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<th>', '<thead>',
      '<b>', '</b>', '<strong>', '<em>', '</em>', '<i>', '<s>', '<code>', '</code>', '<pre class="language-js">', '</pre>', '<blockquote>', '</blockquote>', '<h2>', '</h2>', '<h9>', '<br>', '<br/>', '</br>', '<hr>',
      '<a href="https://x.example/?a=1&amp;b=2">', '<a href="javascript:alert(1)">', '<a href=', '</a>', '<span data-liaison-origin="mention">', '<span style="font-weight:bold">', '</span>', '<img alt="pic">', '<img src=x',
      '<!--', '-->', '<!DOCTYPE html>', '<script>alert(1)</script>', '<style>', '<?xml ?>', '&amp;', '&#x1F600;', '&#99999999;', '&#0;', '&nbsp;', '&bogus;', '&', '<', '>', '"', "'", '=', ' ', '\n', '\t', '[code]', '[/code]'),
  ),
  { maxLength: 40 },
).map((parts) => parts.join(''));

describe('htmlToRich: ServiceNow editor HTML', () => {
  test('paragraphs, headings, emphasis, links, code and lists', () => {
    const html = '<h2>Outage</h2>\n<p>The <strong>SFA</strong> login <em>times out</em>; see <a href="https://status.example.com/sfa">status</a>.</p>\n<ul>\n  <li>open <code>sfa.example.com</code></li>\n  <li>wait<ol start="2"><li>then <s>retry</s> call</li></ol></li>\n</ul>';
    assert.deepEqual(normalizeDoc(htmlToRich(html)), normalizeDoc({
      type: 'doc',
      content: [
        { type: 'heading', level: 2, content: [t('Outage')] },
        p(t('The '), t('SFA', { type: 'strong' }), t(' login '), t('times out', { type: 'em' }), t('; see '), t('status', { type: 'link', href: 'https://status.example.com/sfa' }), t('.')),
        { type: 'bulletList', items: [[p(t('open '), t('sfa.example.com', { type: 'code' }))], [p(t('wait')), { type: 'orderedList', start: 2, items: [[p(t('then '), t('retry', { type: 'strike' }), t(' call'))]] }]] },
      ],
    }));
  });

  test('tables with header cells, code blocks keep their whitespace, quotes and rules', () => {
    const html = '<table><tbody><tr><th>Host</th><th>State</th></tr><tr><td>sfa-2</td><td><b>down</b></td></tr></tbody></table><pre><code class="language-bash">curl -v \\\n  https://sfa</code></pre><blockquote><p>quoted</p></blockquote><hr>';
    assert.deepEqual(normalizeDoc(htmlToRich(html)).content, [
      { type: 'table', rows: [{ cells: [{ header: true, content: [p(t('Host'))] }, { header: true, content: [p(t('State'))] }] }, { cells: [{ content: [p(t('sfa-2'))] }, { content: [p(t('down', { type: 'strong' }))] }] }] },
      { type: 'codeBlock', language: 'bash', text: 'curl -v \\\n  https://sfa' },
      { type: 'blockquote', content: [p(t('quoted'))] },
      { type: 'rule' },
    ]);
  });

  test('layout whitespace collapses, <br> breaks lines, entities decode, TinyMCE spans count', () => {
    const html = '<div>  Dear   team,<br>\n  the   fix &amp; the <span style="font-weight: bold;">plan</span>&nbsp;follow. </div><div>Thanks</div>';
    assert.deepEqual(normalizeDoc(htmlToRich(html)).content, [
      p(t('Dear team,'), { type: 'hardBreak' }, t('the fix & the '), t('plan', { type: 'strong' }), t('\u00a0follow.')),
      p(t('Thanks')),
    ]);
  });

  test('unsafe links keep their text only; scripts, styles and comments vanish; images leave a trace', () => {
    const html = '<p><a href=" javascript:alert(1)">click</a><script>steal()</script><style>p{}</style><!-- note --><img src="/sys_attachment.do?sys_id=1" alt="diagram"></p>';
    assert.deepEqual(normalizeDoc(htmlToRich(html)).content, [p(t('click'), { type: 'degraded', text: '[image: diagram]', origin: 'media' })]);
  });

  test('broken HTML still reads sensibly: unclosed items, stray text in tables, missing closers', () => {
    assert.deepEqual(normalizeDoc(htmlToRich('<ul><li>one<li>two</ul>')).content, [{ type: 'bulletList', items: [[p(t('one'))], [p(t('two'))]] }]);
    assert.deepEqual(normalizeDoc(htmlToRich('<table>stray<tr><td>cell')).content, [p(t('stray')), { type: 'table', rows: [{ cells: [{ content: [p(t('cell'))] }] }] }]);
    assert.deepEqual(normalizeDoc(htmlToRich('<p>a <b>b <i>c')).content, [p(t('a '), t('b ', { type: 'strong' }), t('c', { type: 'strong' }, { type: 'em' }))]);
    assert.deepEqual(normalizeDoc(htmlToRich('x < y && <3')).content, [p(t('x < y && <3'))]);
  });

  test('absurd nesting is unwrapped past a depth, so nothing downstream overflows the stack', () => {
    const doc = htmlToRich(`${'<ul><li>'.repeat(5000)}deep${'</li></ul>'.repeat(5000)}`);
    assert.match(richToHtml(normalizeDoc(doc)), /deep/);
    assert.ok(richDocSchema.safeParse(doc).success);
  });

  test('plain text fields: blank lines make paragraphs, CRLF line breaks stay breaks', () => {
    assert.deepEqual(plainToRich('Steps:\r\n1. open\r\n\r\nThanks'), { type: 'doc', content: [p(t('Steps:'), { type: 'hardBreak' }, t('1. open')), p(t('Thanks'))] });
  });
});

describe('rich text → HTML', () => {
  test('writes what ServiceNow shows, escaping text and attributes', () => {
    const doc: RichDoc = { type: 'doc', content: [p(t('a<b & "c"', { type: 'link', href: 'https://x.example/?q="1"&r=2' }), { type: 'hardBreak' }, t('  two spaces'))] };
    assert.equal(richToHtml(doc), '<p><a href="https://x.example/?q=&quot;1&quot;&amp;r=2">a&lt;b &amp; "c"</a><br>&#32;&#32;two spaces</p>');
  });

  test('a javascript: link is written as its text', () => {
    assert.equal(richToHtml({ type: 'doc', content: [p(t('x', { type: 'link', href: 'javascript:alert(1)' }))] }), '<p>x</p>');
  });

  test('property: rich → html → rich is the identity after normalizeDoc', () => {
    fc.assert(fc.property(docArb, (doc) => {
      assert.deepEqual(normalizeDoc(htmlToRich(richToHtml(doc))), normalizeDoc(doc));
    }), { numRuns: 400 });
  });

  test('property: any HTML reads without throwing, into a valid document that round-trips', () => {
    fc.assert(fc.property(tagSoup, (html) => {
      const doc = htmlToRich(html);
      const valid = richDocSchema.safeParse(doc);
      assert.ok(valid.success, JSON.stringify(valid.error?.issues[0]));
      assert.deepEqual(normalizeDoc(htmlToRich(richToHtml(doc))), normalizeDoc(doc));
    }), { numRuns: 400 });
  });
});

describe('journal entries (comments, work notes)', () => {
  test('plain comments stay plain text', () => {
    const doc: RichDoc = { type: 'doc', content: [p(t('Could you send a screenshot?')), p(t('Line one'), { type: 'hardBreak' }, t('line two'))] };
    assert.equal(richToJournal(doc), 'Could you send a screenshot?\n\nLine one\nline two');
  });

  test('formatted comments travel as HTML inside [code]; [code] inside the text cannot break out', () => {
    const doc: RichDoc = { type: 'doc', content: [p(t('see '), t('[/code]<script>', { type: 'strong' }))] };
    const value = richToJournal(doc);
    assert.equal(value, '[code]<p>see <strong>&#91;/code]&lt;script&gt;</strong></p>[/code]');
    assert.deepEqual(normalizeDoc(journalToRich(value)), normalizeDoc(doc));
    assert.match(richToJournal({ type: 'doc', content: [p(t('literal [code] text'))] }), /^\[code\]<p>literal &#91;code\] text<\/p>\[\/code\]$/);
  });

  test('an entry mixing plain text and [code] reads as one document', () => {
    assert.deepEqual(normalizeDoc(journalToRich('Checked:\n[code]<p>pool <b>sfa-2</b> down</p>[/code]\nwill retry')).content, [
      p(t('Checked:')), p(t('pool '), t('sfa-2', { type: 'strong' }), t(' down')), p(t('will retry')),
    ]);
  });

  test('property: rich → journal → rich is the identity after normalizeDoc', () => {
    fc.assert(fc.property(docArb, (doc) => {
      assert.deepEqual(normalizeDoc(journalToRich(richToJournal(doc))), normalizeDoc(doc));
    }), { numRuns: 300 });
  });
});
