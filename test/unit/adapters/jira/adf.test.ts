// ADF ⇄ neutral rich text: what Jira sends reads well, what we send is valid ADF (checked with
// Atlassian's JSON schema), and rich → ADF → rich gives the same document after normalisation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { adfToRich, richToAdf } from '../../../../src/adapters/jira';
import type { Block, Inline, Mark, RichDoc } from '../../../../src/core/richtext/model';
import { normalizeDoc } from '../../../../src/core/richtext/normalize';
import { adfSchemaErrors } from './support/adf-schema';

const validAdf = (doc: unknown) => assert.equal(adfSchemaErrors(doc), null);

describe('adfToRich: what Jira sends', () => {
  test('structure and marks survive', () => {
    const adf = {
      type: 'doc', version: 1, content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Steps' }] },
        { type: 'paragraph', content: [
          { type: 'text', text: 'Open ' }, { type: 'text', text: 'login', marks: [{ type: 'strong' }, { type: 'underline' }] },
          { type: 'hardBreak' }, { type: 'text', text: 'docs', marks: [{ type: 'link', attrs: { href: 'https://example.com/docs' } }] },
        ] },
        { type: 'orderedList', attrs: { order: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }] }] },
        { type: 'codeBlock', attrs: { language: 'sql' }, content: [{ type: 'text', text: 'select 1;' }] },
        { type: 'table', content: [{ type: 'tableRow', content: [
          { type: 'tableHeader', attrs: {}, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Env' }] }] },
          { type: 'tableCell', attrs: {}, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'prod' }] }] },
        ] }] },
        { type: 'rule' },
      ],
    };
    assert.deepEqual(adfToRich(adf), {
      type: 'doc', content: [
        { type: 'heading', level: 2, content: [{ type: 'text', text: 'Steps' }] },
        { type: 'paragraph', content: [
          { type: 'text', text: 'Open ' }, { type: 'text', text: 'login', marks: [{ type: 'strong' }] },
          { type: 'hardBreak' }, { type: 'text', text: 'docs', marks: [{ type: 'link', href: 'https://example.com/docs' }] },
        ] },
        { type: 'orderedList', start: 3, items: [[{ type: 'paragraph', content: [{ type: 'text', text: 'three' }] }]] },
        { type: 'codeBlock', language: 'sql', text: 'select 1;' },
        { type: 'table', rows: [{ cells: [
          { header: true, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Env' }] }] },
          { content: [{ type: 'paragraph', content: [{ type: 'text', text: 'prod' }] }] },
        ] }] },
        { type: 'rule' },
      ],
    });
  });

  test('mentions, emoji, status, dates, smart links and media degrade to readable text', () => {
    const adf = {
      type: 'doc', version: 1, content: [
        { type: 'paragraph', content: [
          { type: 'mention', attrs: { id: '5b10ac8d82e05b22cc7d4ef5', text: '@Acme Agent One', accessLevel: '' } },
          { type: 'text', text: ' ' },
          { type: 'emoji', attrs: { shortName: ':grinning:', id: '1f600', text: '😀' } },
          { type: 'status', attrs: { text: 'BLOCKED', color: 'red', localId: 'a' } },
          { type: 'date', attrs: { timestamp: '1767225600000' } },
          { type: 'inlineCard', attrs: { url: 'https://acme.atlassian.net/browse/ACME-2' } },
        ] },
        { type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { id: 'abc', type: 'file', collection: '', alt: 'screenshot.png' } }] },
        { type: 'panel', attrs: { panelType: 'info' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'inside a panel' }] }] },
        { type: 'taskList', attrs: { localId: 't' }, content: [{ type: 'taskItem', attrs: { localId: 'i', state: 'DONE' }, content: [{ type: 'text', text: 'restart' }] }] },
      ],
    };
    const rich = adfToRich(adf);
    const first = rich.content[0] as Extract<Block, { type: 'paragraph' }>;
    assert.deepEqual(first.content.filter((i) => i.type === 'degraded'), [
      { type: 'degraded', text: '@Acme Agent One', origin: 'mention' },
      { type: 'degraded', text: '😀', origin: 'emoji' },
      { type: 'degraded', text: 'BLOCKED', origin: 'status' },
      { type: 'degraded', text: '2026-01-01', origin: 'date' },
      { type: 'degraded', text: 'https://acme.atlassian.net/browse/ACME-2', origin: 'card' },
    ]);
    assert.deepEqual(rich.content.slice(1), [
      { type: 'paragraph', content: [{ type: 'degraded', text: '[attachment: screenshot.png]', origin: 'media' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'inside a panel' }] },
      { type: 'bulletList', items: [[{ type: 'paragraph', content: [{ type: 'text', text: '[x] ' }, { type: 'text', text: 'restart' }] }]] },
    ]);
  });

  test('an absent description is an empty document; something that is not ADF is refused clearly', () => {
    assert.deepEqual(adfToRich(null), { type: 'doc', content: [] });
    assert.throws(() => adfToRich({ type: 'paragraph' }), /expected an ADF document/);
  });
});

describe('richToAdf: what we send', () => {
  test('degraded inlines become plain text and the result is valid ADF', () => {
    const adf = richToAdf({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'degraded', text: '@Globex Agent', origin: 'mention' }, { type: 'text', text: ' please check' }] }] });
    validAdf(adf);
    assert.deepEqual(adf.content[0], { type: 'paragraph', content: [{ type: 'text', text: '@Globex Agent' }, { type: 'text', text: ' please check' }] });
  });

  test('content ADF does not allow where it stands is flattened, never dropped', () => {
    const rich: RichDoc = { type: 'doc', content: [
      { type: 'bulletList', items: [[
        { type: 'heading', level: 1, content: [{ type: 'text', text: 'Heading in a list' }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted' }] }] },
        { type: 'table', rows: [{ cells: [{ content: [{ type: 'paragraph', content: [{ type: 'text', text: 'cell' }] }] }] }] },
        { type: 'rule' },
      ]] },
      { type: 'table', rows: [{ cells: [{ content: [{ type: 'table', rows: [{ cells: [{ content: [{ type: 'paragraph', content: [{ type: 'text', text: 'nested' }] }] }] }] }] }, { content: [] }] }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'code' }, { type: 'strong' }] }] },
      { type: 'bulletList', items: [] },
    ] };
    const adf = richToAdf(rich);
    validAdf(adf);
    const text = JSON.stringify(adf);
    for (const word of ['Heading in a list', 'quoted', 'cell', '---', 'nested']) assert.ok(text.includes(word), word);
  });

  test('rich → ADF → rich is the identity after normalisation, and every ADF is schema-valid', () => {
    fc.assert(
      fc.property(richDoc, (doc) => {
        const adf = richToAdf(doc);
        const errors = adfSchemaErrors(adf);
        if (errors) throw new Error(`invalid ADF ${JSON.stringify(adf)}: ${errors}`);
        assert.deepEqual(normalizeDoc(adfToRich(adf)), normalizeDoc(doc));
      }),
      { numRuns: 300 },
    );
  });

  test('any neutral document, also one ADF cannot nest as is, becomes schema-valid ADF', () => {
    fc.assert(
      fc.property(anyDoc, (doc) => {
        const errors = adfSchemaErrors(richToAdf(doc));
        if (errors) throw new Error(`invalid ADF for ${JSON.stringify(doc)}: ${errors}`);
      }),
      { numRuns: 300 },
    );
  });
});

// Generators. `richDoc` stays inside what ADF can nest (so the round trip is exact); `anyDoc`
// nests everything everywhere.
const word = fc.string({ minLength: 1, maxLength: 8 });
const styleMarks = fc.subarray<Mark>([{ type: 'strong' }, { type: 'em' }, { type: 'strike' }]);
const link = fc.webUrl().map((href): Mark => ({ type: 'link', href }));
const marks: fc.Arbitrary<Mark[]> = fc.oneof(
  styleMarks,
  fc.tuple(styleMarks, link).map(([m, l]) => [...m, l]),
  fc.option(link, { nil: undefined }).map((l): Mark[] => [{ type: 'code' }, ...(l ? [l] : [])]),
);
const inline: fc.Arbitrary<Inline> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(word, marks).map(([text, m]): Inline => (m.length > 0 ? { type: 'text', text, marks: m } : { type: 'text', text })) },
  { weight: 1, arbitrary: fc.constant<Inline>({ type: 'hardBreak' }) },
);
const inlines = fc.array(inline, { maxLength: 5 });
const paragraph = inlines.map((content): Block => ({ type: 'paragraph', content }));
const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), inlines).map(([level, content]): Block => ({ type: 'heading', level: level as 1, content }));
const code = fc.tuple(fc.option(fc.constantFrom('js', 'sql', 'python'), { nil: undefined }), fc.string({ maxLength: 20 }))
  .map(([language, text]): Block => (language ? { type: 'codeBlock', language, text } : { type: 'codeBlock', text }));

const { listBlock } = fc.letrec<{ listBlock: Block; item: Block[] }>((tie) => ({
  item: fc.tuple(fc.oneof(paragraph, code), fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, paragraph, code, tie('listBlock')), { maxLength: 2 }))
    .map(([first, rest]) => [first, ...rest]),
  listBlock: fc.oneof(
    { depthSize: 'small' },
    fc.array(tie('item'), { minLength: 1, maxLength: 3 }).map((items): Block => ({ type: 'bulletList', items })),
    fc.tuple(fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }), fc.array(tie('item'), { minLength: 1, maxLength: 3 }))
      .map(([start, items]): Block => (start === undefined ? { type: 'orderedList', items } : { type: 'orderedList', start, items })),
  ),
}));
const quote = fc.array(fc.oneof(paragraph, code, listBlock), { minLength: 1, maxLength: 3 }).map((content): Block => ({ type: 'blockquote', content }));
const cellBlock = fc.oneof(paragraph, heading, code, listBlock, quote, fc.constant<Block>({ type: 'rule' }));
const tableBlock = fc.array(fc.array(fc.record({ header: fc.boolean(), content: fc.array(cellBlock, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
  .map((rows): Block => ({ type: 'table', rows: rows.map((cells) => ({ cells: cells.map((c) => (c.header ? c : { content: c.content })) })) }));
const block = fc.oneof(paragraph, heading, code, listBlock, quote, tableBlock, fc.constant<Block>({ type: 'rule' }));
const richDoc = fc.array(block, { maxLength: 6 }).map((content): RichDoc => ({ type: 'doc', content }));

const degraded = fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom('mention', 'emoji', 'status', 'date', 'card', 'media', 'unknown' as const))
  .map(([text, origin]): Inline => ({ type: 'degraded', text, origin }));
const { anyBlock } = fc.letrec<{ anyBlock: Block }>((tie) => ({
  anyBlock: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(fc.oneof(inline, degraded, fc.constant<Inline>({ type: 'text', text: '' })), { maxLength: 4 }).map((content): Block => ({ type: 'paragraph', content })),
    heading, code, fc.constant<Block>({ type: 'rule' }),
    fc.array(fc.array(tie('anyBlock'), { maxLength: 2 }), { maxLength: 2 }).map((items): Block => ({ type: 'bulletList', items })),
    fc.array(fc.array(tie('anyBlock'), { maxLength: 2 }), { maxLength: 2 }).map((items): Block => ({ type: 'orderedList', items })),
    fc.array(tie('anyBlock'), { maxLength: 2 }).map((content): Block => ({ type: 'blockquote', content })),
    fc.array(fc.array(fc.array(tie('anyBlock'), { maxLength: 2 }), { maxLength: 2 }), { maxLength: 2 })
      .map((rows): Block => ({ type: 'table', rows: rows.map((cells) => ({ cells: cells.map((content) => ({ content })) })) })),
  ),
}));
const anyDoc = fc.array(anyBlock, { maxLength: 4 }).map((content): RichDoc => ({ type: 'doc', content }));
