// What Liaison writes on a ServiceNow record besides the shared fields: the resolution code and notes a
// resolving state needs (the instance's data policy makes both mandatory on incident), and the work
// note that shows the ServiceNow agent which Jira issue mirrors the record. The note carries a marker
// so the journal reader leaves it out of the comments mirrored back to Jira.

export type Resolution = {
  /** A value of the instance's close_code choices, picked by the admin (e.g. "Solution provided"). */
  code?: string;
  /** Template of the resolution notes; `{key}` becomes the Jira issue key. */
  notes?: string;
};

export const DEFAULT_RESOLUTION_NOTES = 'Resolved in Jira {key}';
/** The value ServiceNow ships first in incident's close_code list; the admin picks another at save time. */
export const DEFAULT_CLOSE_CODE = 'Solution provided';
export const LINK_NOTE_MARK = '[Liaison]';

export function resolutionFields(resolution: Resolution | undefined, partnerKey: string): Record<string, string> {
  const template = resolution?.notes?.trim() || DEFAULT_RESOLUTION_NOTES;
  // A record paired before Liaison wrote the key: the template without it still reads as a sentence.
  const notes = (partnerKey ? template.replace(/\{key\}/g, partnerKey) : template.replace(/\s*\{key\}/g, '')).trim();
  return { close_code: resolution?.code?.trim() || DEFAULT_CLOSE_CODE, close_notes: notes };
}

export function linkNote(key: string, url: string): string {
  return `${LINK_NOTE_MARK} This record is mirrored with Jira issue ${key}: ${url}`;
}

export const isLinkNote = (value: string): boolean => value.startsWith(`${LINK_NOTE_MARK} This record is mirrored with Jira issue `);
