// What Liaison writes on a ServiceNow record besides the shared fields: the resolution code and notes a
// resolving state needs (the instance's data policy makes both mandatory on incident), and the work
// note that shows the ServiceNow agent which Jira issue mirrors the record. The note carries a marker
// so the journal reader leaves it out of the comments mirrored back to Jira.
import { DEFAULT_NOTES, fillNotes } from './closing-fields';

export type Resolution = {
  /** A value of the instance's close_code choices, picked by the admin (e.g. "Solution provided"). */
  code?: string;
  /** Template of the resolution notes; `{key}` becomes the Jira issue key. */
  notes?: string;
};

export const DEFAULT_RESOLUTION_NOTES = DEFAULT_NOTES;
/** The value ServiceNow ships first in incident's close_code list; the admin picks another at save time. */
export const DEFAULT_CLOSE_CODE = 'Solution provided';
export const LINK_NOTE_MARK = '[Liaison]';

/** An incident's resolution fields (other tables: closing-fields.ts). */
export function resolutionFields(resolution: Resolution | undefined, partnerKey: string): Record<string, string> {
  return { close_code: resolution?.code?.trim() || DEFAULT_CLOSE_CODE, close_notes: fillNotes(resolution?.notes, partnerKey) };
}

export function linkNote(key: string, url: string): string {
  return `${LINK_NOTE_MARK} This record is mirrored with Jira issue ${key}: ${url}`;
}

export const isLinkNote = (value: string): boolean => value.startsWith(`${LINK_NOTE_MARK} This record is mirrored with Jira issue `);
