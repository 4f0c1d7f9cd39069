export type { Block, DegradedOrigin, Inline, Mark, RichDoc, TableCell, TableRow } from './model';
export { docFromPlainText, emptyDoc } from './model';
export { blockSchema, richDocSchema } from './schema';
export { hashDoc, normalizeDoc } from './normalize';
export { toPlainText } from './plain-text';
export { safeLinkHref } from './safe-link';
