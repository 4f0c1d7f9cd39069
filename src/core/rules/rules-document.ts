// Rules as code: a connection's sharing rules (value maps, scope and all) as one versioned JSON
// document (docs/rules-as-code.md), exported from one site and imported on another project or site.
// The document's envelope has its own schema; each rule inside is checked by the sharing rule's
// schema itself (schema.ts), so whatever a rule carries — today's fields or ones added tomorrow —
// travels whole, and a document is refused exactly where the editor would refuse the rule.
import { z } from 'zod';
import { formatPath, problemsFromZod, type RuleProblem } from './format-issues';
import { sharingRuleSchema, type SharingRule } from './schema';

export const RULES_DOCUMENT_KIND = 'liaison.sharing-rules';
export const RULES_DOCUMENT_VERSION = 1;
/** Bounds that keep an import inside a resolver's payload and one invocation's work. */
export const MAX_DOCUMENT_CHARS = 256 * 1024;
export const MAX_DOCUMENT_RULES = 50;

const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be a Jira project key like ABC');

export const rulesDocumentSchema = z
  .object({
    /** Which layout this document follows; an importer refuses versions it does not know. */
    schemaVersion: z.literal(RULES_DOCUMENT_VERSION, { error: `this Liaison reads schemaVersion ${RULES_DOCUMENT_VERSION}` }),
    /** Marks the JSON as Liaison sharing rules. */
    kind: z.literal(RULES_DOCUMENT_KIND, { error: `must be "${RULES_DOCUMENT_KIND}"` }),
    /** When and where it was exported: information for people, never used to apply it. */
    exportedAt: z.iso.datetime().optional(),
    source: z.object({ site: z.string().max(255).optional(), connectionId: z.string().max(128).optional(), partner: z.string().max(255).optional() }).strict().optional(),
    rules: z
      .array(
        z
          .object({
            /** The project the rule shares (an import may map it to another project). */
            projectKey,
            /** The rule version it was exported from (information only). */
            version: z.number().int().positive().optional(),
            /** The whole sharing rule except its connection and project, as the rule schema reads it. */
            rule: z.record(z.string(), z.unknown()),
          })
          .strict(),
      )
      .min(1, 'holds no rules')
      .max(MAX_DOCUMENT_RULES, `at most ${MAX_DOCUMENT_RULES} rules`),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.rules.forEach((r, i) => {
      if (seen.has(r.projectKey)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'projectKey'], message: `${r.projectKey} appears twice` });
      seen.add(r.projectKey);
    });
  });

export type RulesDocument = z.output<typeof rulesDocumentSchema>;
export type DocumentSource = NonNullable<RulesDocument['source']>;

/** The rule as the document carries it: everything but its identity (connection and project). */
function portable(rule: SharingRule): Record<string, unknown> {
  const { connectionId: _c, projectKey: _p, ...rest } = rule;
  return rest;
}

export function exportRulesDocument(rules: ReadonlyArray<{ rule: SharingRule; version?: number }>, meta: { at: number; source?: DocumentSource }): RulesDocument {
  return {
    schemaVersion: RULES_DOCUMENT_VERSION,
    kind: RULES_DOCUMENT_KIND,
    exportedAt: new Date(meta.at).toISOString(),
    ...(meta.source ? { source: meta.source } : {}),
    rules: [...rules]
      .sort((a, b) => a.rule.projectKey.localeCompare(b.rule.projectKey))
      .map((r) => ({ projectKey: r.rule.projectKey, ...(r.version ? { version: r.version } : {}), rule: portable(r.rule) })),
  };
}

/** One rule of an import, ready to validate against its target project, or refused with its problems. */
export type ImportedRule = { index: number; sourceProjectKey: string; projectKey: string; rule: SharingRule | null; problems: RuleProblem[] };

/** formatPath's name for the whole rule: under a document it is the rule's own path. */
const WHOLE = '(rule)';
const prefixed = (prefix: ReadonlyArray<PropertyKey>, problems: RuleProblem[]): RuleProblem[] =>
  problems.map((p) => {
    const tail = p.path === WHOLE || p.path === '' ? '' : p.path.startsWith('[') ? p.path : `.${p.path}`;
    return { path: `${formatPath(prefix)}${tail}`, message: p.message };
  });
const DOCUMENT = '(document)';

/**
 * Reads a document (JSON text) for a connection: the envelope, then each rule through the rule
 * schema, with `projectKeys` mapping an exported project to one here. Problems name their path in
 * the document (`rules[0].rule.scope.jql`).
 */
export function readRulesDocument(text: string, target: { connectionId: string; projectKeys?: Readonly<Record<string, string>> }): { ok: true; rules: ImportedRule[] } | { ok: false; problems: RuleProblem[] } {
  if (text.length > MAX_DOCUMENT_CHARS) return { ok: false, problems: [{ path: DOCUMENT, message: `the document is ${text.length} characters; at most ${MAX_DOCUMENT_CHARS}` }] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: DOCUMENT, message: `not JSON: ${(e as Error).message}` }] };
  }
  const doc = rulesDocumentSchema.safeParse(json);
  if (!doc.success) return { ok: false, problems: problemsFromZod(doc.error).map((p) => (p.path === WHOLE ? { ...p, path: DOCUMENT } : p)) };
  const targets = new Map<string, number>();
  const rules = doc.data.rules.map((entry, index): ImportedRule => {
    const projectKey = target.projectKeys?.[entry.projectKey] ?? entry.projectKey;
    const problems: RuleProblem[] = [];
    const other = targets.get(projectKey);
    if (other !== undefined) problems.push({ path: formatPath(['rules', index, 'projectKey']), message: `maps to ${projectKey}, as rules[${other}] does` });
    targets.set(projectKey, index);
    if (!/^[A-Z][A-Z0-9_]*$/.test(projectKey)) problems.push({ path: formatPath(['rules', index, 'projectKey']), message: `maps to "${projectKey}", which is not a Jira project key` });
    const parsed = sharingRuleSchema.safeParse({ ...entry.rule, connectionId: target.connectionId, projectKey });
    if (!parsed.success) problems.push(...prefixed(['rules', index, 'rule'], problemsFromZod(parsed.error)));
    return { index, sourceProjectKey: entry.projectKey, projectKey, rule: parsed.success && problems.length === 0 ? parsed.data : null, problems };
  });
  return { ok: true, rules };
}

/** Problems found for a rule (against the target project) under the rule's own path in the document. */
export const documentProblems = (index: number, problems: RuleProblem[]): RuleProblem[] => prefixed(['rules', index, 'rule'], problems);
