// What a transition into a resolving or closing state sends besides the state, per table: the code
// column the instance's data policy makes mandatory there, and the notes columns that code needs
// (sandbox/servicenow/README.md cites the sources). The code and notes template come from the rule's
// entry for that state, else from the connection's settings, else from the defaults below.
import type { Resolution } from './record-links';
import { choiceValue, type Choice } from './value-maps';

export type ClosingSpec = {
  /** Stored state values that need the code and notes. */
  states: readonly string[];
  /** The choice column holding the code (incident, change_request: close_code; problem: resolution_code). */
  codeColumn: string;
  /** Its label on the instance, for messages. */
  codeLabel: string;
  defaultCode: string;
  /** The notes columns a code needs; undefined: a code Liaison cannot close with (its own column has no text to fill). */
  notesFor(code: string): readonly string[] | undefined;
  /** Notes columns an agent fills with their own analysis: written only when still empty. */
  keepFilled: readonly string[];
};

const PROBLEM_NOTES: Record<string, readonly string[] | undefined> = {
  fix_applied: ['cause_notes', 'fix_notes'],
  risk_accepted: ['cause_notes', 'close_notes'],
  canceled: ['close_notes'],
  // "Duplicate of" names another problem, which no template can fill.
  duplicate: undefined,
};

export const CLOSING: Readonly<Record<string, ClosingSpec>> = {
  incident: { states: ['6', '7'], codeColumn: 'close_code', codeLabel: 'Resolution code', defaultCode: 'Solution provided', notesFor: () => ['close_notes'], keepFilled: [] },
  change_request: { states: ['3'], codeColumn: 'close_code', codeLabel: 'Close code', defaultCode: 'successful', notesFor: () => ['close_notes'], keepFilled: [] },
  problem: {
    states: ['106', '107'], codeColumn: 'resolution_code', codeLabel: 'Resolution code', defaultCode: 'fix_applied',
    // A code the instance added itself: every notes column, so whatever its policy asks for is there.
    notesFor: (code) => (code in PROBLEM_NOTES ? PROBLEM_NOTES[code] : ['cause_notes', 'fix_notes', 'close_notes']),
    keepFilled: ['cause_notes', 'fix_notes'],
  },
};

/** The code column of `table` (the one whose choices an admin picks from), or null when closing needs none. */
export const codeColumnOf = (table: string): string | null => CLOSING[table]?.codeColumn ?? null;

/** The rule's entry for the stored state `value`: its key may be the state's label (as rules name states) or its value. */
export function entryForState(entries: Readonly<Record<string, Resolution>> | undefined, states: readonly Choice[], value: string): Resolution | undefined {
  if (!entries) return undefined;
  for (const [key, entry] of Object.entries(entries)) {
    if (key === value || choiceValue(states, key) === value) return entry;
  }
  return undefined;
}

export function fillNotes(template: string | undefined, partnerKey: string): string {
  const text = template?.trim() || DEFAULT_NOTES;
  // A record paired before Liaison wrote the key: the template without it still reads as a sentence.
  return (partnerKey ? text.replace(/\{key\}/g, partnerKey) : text.replace(/\s*\{key\}/g, '')).trim();
}

export const DEFAULT_NOTES = 'Resolved in Jira {key}';

/**
 * The columns to send with `state`: none when the state needs nothing; the code and its notes
 * otherwise. `current` holds the record's notes as last read: analysis an agent wrote stays.
 * Throws (a RangeError naming the code) for a code Liaison cannot close with.
 */
export function closingBody(table: string, state: string, resolution: Resolution | undefined, partnerKey: string, current: Readonly<Record<string, string>> = {}): Record<string, string> {
  const spec = CLOSING[table];
  if (!spec || !spec.states.includes(state)) return {};
  const code = resolution?.code?.trim() || spec.defaultCode;
  const columns = spec.notesFor(code);
  if (!columns) throw new RangeError(`${spec.codeLabel} "${code}" needs a field Liaison cannot fill (such as Duplicate of): pick another code for this state in the rule`);
  const notes = fillNotes(resolution?.notes, partnerKey);
  const body: Record<string, string> = { [spec.codeColumn]: code };
  for (const column of columns) if (!(spec.keepFilled.includes(column) && (current[column] ?? '').trim())) body[column] = notes;
  return body;
}
