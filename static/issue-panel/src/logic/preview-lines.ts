// The "what the partner will receive" preview, cut to panel size: one line per field (long text
// shortened), the comments as a count, and what stays here by name.
import type { PreviewView } from '../../../../src/shared/resolver-contract';

const MAX_TEXT = 160;

export type PreviewLines = { sent: Array<{ key: string; label: string; text: string }>; comments: string | null; kept: string[] };

export function shorten(text: string, max = MAX_TEXT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export function previewLines(preview: PreviewView, label: (key: string) => string): PreviewLines {
  const sent = preview.fields.map((f) => ({ key: f.field, label: label(f.field), text: shorten(f.text) || '(empty)' }));
  const internal = preview.comments.filter((c) => c.internal).length;
  const count = preview.comments.length;
  const comments = count === 0 ? null : `${count} comment${count === 1 ? '' : 's'}${internal > 0 ? `, ${internal} of them internal` : ''}.`;
  const kept = preview.withheld.map((w) => `${label(w.field)}: ${w.reason}`);
  return { sent, comments, kept };
}
