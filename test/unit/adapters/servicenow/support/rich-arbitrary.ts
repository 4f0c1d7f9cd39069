// Random rich-text documents covering the whole neutral model: every block and inline kind, nested
// lists, quotes and tables, marks in any order, and text full of what HTML treats specially
// (whitespace runs, edge spaces, line feeds, &, <, character references, [code] markers).
import fc from 'fast-check';
import type { Block, DegradedOrigin, Inline, Mark, RichDoc } from '../../../../../src/core/richtext/model';

const tricky = fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '&', '<', '>', '"', "'", '&amp;', '&#32;', '&nbsp;', '<b>', '[code]', '[/code]', '\u00a0', 'é', '😀', '\u200b', 'x');
const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }), tricky);
export const textArb = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(''));

const hrefArb = fc.oneof(
  fc.webUrl(),
  fc.constantFrom('https://acme.service-now.com/incident.do?sys_id=1&x="y"', 'mailto:agent@acme.example', 'https://acme.example/relative/path?a=1&b=2', 'https://acme.example/#anchor'),
);
const markArb: fc.Arbitrary<Mark> = fc.oneof(
  fc.constantFrom<Mark>({ type: 'strong' }, { type: 'em' }, { type: 'code' }, { type: 'strike' }),
  hrefArb.map((href): Mark => ({ type: 'link', href })),
);
const origins: DegradedOrigin[] = ['mention', 'emoji', 'status', 'date', 'card', 'media', 'unknown'];

export const inlineArb: fc.Arbitrary<Inline> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ text: textArb, marks: fc.array(markArb, { maxLength: 3 }) }).map(({ text, marks }): Inline => (marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text })) },
  { weight: 1, arbitrary: fc.constant<Inline>({ type: 'hardBreak' }) },
  { weight: 1, arbitrary: fc.record({ text: textArb, origin: fc.constantFrom(...origins) }).map(({ text, origin }): Inline => ({ type: 'degraded', text, origin })) },
);
const inlinesArb = fc.array(inlineArb, { maxLength: 5 });
const level = fc.constantFrom<1 | 2 | 3 | 4 | 5 | 6>(1, 2, 3, 4, 5, 6);

const { block } = fc.letrec<{ block: Block }>((tie) => {
  const blocks = fc.array(tie('block'), { maxLength: 3 });
  return {
    block: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      inlinesArb.map((content): Block => ({ type: 'paragraph', content })),
      fc.record({ level, content: inlinesArb }).map(({ level, content }): Block => ({ type: 'heading', level, content })),
      fc.record({ language: fc.option(fc.oneof(fc.constantFrom('js', 'c#', 'objective-c', 'plain text'), fc.string({ maxLength: 8 })), { nil: undefined }), text: textArb }).map(({ language, text }): Block => (language === undefined ? { type: 'codeBlock', text } : { type: 'codeBlock', language, text })),
      fc.constant<Block>({ type: 'rule' }),
      fc.array(blocks, { maxLength: 3 }).map((items): Block => ({ type: 'bulletList', items })),
      fc.record({ start: fc.option(fc.nat(1000), { nil: undefined }), items: fc.array(blocks, { maxLength: 3 }) }).map(({ start, items }): Block => (start === undefined ? { type: 'orderedList', items } : { type: 'orderedList', start, items })),
      blocks.map((content): Block => ({ type: 'blockquote', content })),
      fc.array(fc.array(fc.record({ header: fc.boolean(), content: blocks }), { maxLength: 3 }), { maxLength: 3 }).map((rows): Block => ({
        type: 'table',
        rows: rows.map((cells) => ({ cells: cells.map((c) => (c.header ? { header: true, content: c.content } : { content: c.content })) })),
      })),
    ),
  };
});

export const docArb: fc.Arbitrary<RichDoc> = fc.array(block, { maxLength: 5 }).map((content) => ({ type: 'doc', content }));
