// zod issue paths → the admin-readable form `incoming.valueMaps.status["Done"]: …`. Keys that
// are the admin's own data (field keys, mapped values) are quoted in brackets; schema property
// names are dotted.
import type { z } from 'zod';
import { valueMapKeys } from '../fields/standard-fields';

export type RuleProblem = { path: string; message: string };

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RECORD_PARENTS = new Set(['fields', ...valueMapKeys.map((k) => `incoming.valueMaps.${k}`), 'incoming.defaults', 'incoming.users.map']);

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  const raw: string[] = [];
  for (const seg of path) {
    const parent = raw.join('.');
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (RECORD_PARENTS.has(parent) || typeof seg !== 'string' || !IDENT.test(seg)) out += `[${JSON.stringify(String(seg))}]`;
    else out += out ? `.${seg}` : seg;
    raw.push(String(seg));
  }
  return out || '(rule)';
}

export const formatProblem = (p: RuleProblem): string => `${p.path}: ${p.message}`;

type Issue = z.core.$ZodIssue;

function messageOf(issue: Issue): string {
  // A bad record key nests the key's own issue; its message says what keys are allowed.
  if (issue.code === 'invalid_key' && issue.issues[0]) return messageOf(issue.issues[0]);
  return issue.message;
}

export function problemsFromZod(error: z.ZodError): RuleProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: messageOf(issue) }));
}
