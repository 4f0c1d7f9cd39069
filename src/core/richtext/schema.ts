// zod schema for the neutral rich text, used when a replica arrives from the partner.
import { z } from 'zod';
import type { Block, Inline, Mark, RichDoc } from './model';

const markSchema: z.ZodType<Mark> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('strong') }),
  z.object({ type: z.literal('em') }),
  z.object({ type: z.literal('code') }),
  z.object({ type: z.literal('strike') }),
  z.object({ type: z.literal('link'), href: z.string().min(1).max(2048) }),
]);

const inlineSchema: z.ZodType<Inline> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string(), marks: z.array(markSchema).optional() }),
  z.object({ type: z.literal('hardBreak') }),
  z.object({
    type: z.literal('degraded'),
    text: z.string(),
    origin: z.enum(['mention', 'emoji', 'status', 'date', 'card', 'media', 'unknown']),
  }),
]);

export const blockSchema: z.ZodType<Block> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('paragraph'), content: z.array(inlineSchema) }),
    z.object({
      type: z.literal('heading'),
      level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
      content: z.array(inlineSchema),
    }),
    z.object({ type: z.literal('bulletList'), items: z.array(z.array(blockSchema)) }),
    z.object({ type: z.literal('orderedList'), start: z.number().int().min(0).optional(), items: z.array(z.array(blockSchema)) }),
    z.object({ type: z.literal('codeBlock'), language: z.string().max(64).optional(), text: z.string() }),
    z.object({ type: z.literal('blockquote'), content: z.array(blockSchema) }),
    z.object({
      type: z.literal('table'),
      rows: z.array(z.object({ cells: z.array(z.object({ header: z.boolean().optional(), content: z.array(blockSchema) })) })),
    }),
    z.object({ type: z.literal('rule') }),
  ]),
);

export const richDocSchema: z.ZodType<RichDoc> = z.object({ type: z.literal('doc'), content: z.array(blockSchema) });
