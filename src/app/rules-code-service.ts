// Rules as code (docs/rules-as-code.md): export a connection's sharing rules as one JSON document;
// import one onto a connection here — previewed first (each rule beside the current one, with every
// problem the editor would find, by its path in the document), then applied only when nothing is
// wrong, each rule saved as a new version through the editor's own save.
import { documentProblems, exportRulesDocument, readRulesDocument, type RulesDocument } from '../core/rules/rules-document';
import type { RuleProblem } from '../core/rules/format-issues';
import { currentVersion } from '../core/rules/versions';
import { ruleProblems } from '../core/sync/save-rule';
import { TrackerError } from '../core/sync/tracker-error';
import type { RulesImportPreview } from '../shared/resolver-contract';
import { AppError, notFound } from './app-error';
import * as rulesService from './rules-service';
import { checkServiceNowRule } from './servicenow/rule-check';
import { withFreshMetadata, type AppDeps } from './sync-deps';

async function connectionOrFail(deps: AppDeps, connectionId: string) {
  const connection = await deps.config.getConnection(connectionId);
  if (!connection) throw notFound(`connection ${connectionId} does not exist`);
  return connection;
}

export async function exportRules(deps: AppDeps, connectionId: string): Promise<RulesDocument> {
  const connection = await connectionOrFail(deps, connectionId);
  const rules = await deps.config.currentRules(connectionId);
  if (rules.length === 0) throw notFound('this connection has no sharing rules to export yet');
  const versions = await Promise.all(rules.map(async (rule) => ({ rule, version: currentVersion(await deps.config.getRuleHistory(connectionId, rule.projectKey))?.version })));
  const partner = connection.partnerProfile?.name;
  return exportRulesDocument(
    versions.map((v) => ({ rule: v.rule, ...(v.version ? { version: v.version } : {}) })),
    { at: deps.clock.now(), source: { connectionId, ...(partner ? { partner } : {}) } },
  );
}

const isMissingProject = (e: unknown) => e instanceof TrackerError && !e.transient && (e as { status?: unknown }).status === 404;

/** Keys in a fixed order, so two equal rules compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

export async function previewImport(deps: AppDeps, input: { connectionId: string; document: string; projectKeys?: Record<string, string> }): Promise<RulesImportPreview> {
  const connection = await connectionOrFail(deps, input.connectionId);
  const read = readRulesDocument(input.document, { connectionId: input.connectionId, ...(input.projectKeys ? { projectKeys: input.projectKeys } : {}) });
  if (!read.ok) return { rules: [], problems: read.problems };
  // The editor's checks, against each project as it is now.
  const fresh = withFreshMetadata(deps);
  const rules = await Promise.all(
    read.rules.map(async (r) => {
      const problems: RuleProblem[] = [...r.problems];
      if (r.rule) {
        try {
          problems.push(...documentProblems(r.index, await ruleProblems(fresh, r.rule)));
        } catch (e) {
          if (!isMissingProject(e)) throw e;
          problems.push({ path: `rules[${r.index}].projectKey`, message: `project ${r.projectKey} does not exist on this site (or Liaison cannot see it): map it to a project here` });
        }
        if (connection.partnerKind === 'servicenow') {
          await checkServiceNowRule(connection.id, r.rule).catch((e: unknown) => {
            if (!(e instanceof AppError)) throw e;
            problems.push(...documentProblems(r.index, e.details ?? [{ path: '', message: e.message }]));
          });
        }
      }
      const before = currentVersion(await deps.config.getRuleHistory(input.connectionId, r.projectKey)) ?? null;
      const unchanged = before !== null && r.rule !== null && canonical(before.rule) === canonical(r.rule);
      return { index: r.index, sourceProjectKey: r.sourceProjectKey, projectKey: r.projectKey, currentVersion: before?.version ?? null, before: before?.rule ?? null, after: r.rule, unchanged, problems };
    }),
  );
  return { rules, problems: rules.flatMap((r) => r.problems) };
}

export async function applyImport(deps: AppDeps, actor: string, input: { connectionId: string; document: string; projectKeys?: Record<string, string>; comment: string }) {
  const preview = await previewImport(deps, input);
  // All or nothing: a document with any problem changes no rule.
  if (preview.problems.length > 0) {
    throw new AppError('invalid-rule', `The document cannot be imported (${preview.problems.length} problem${preview.problems.length === 1 ? '' : 's'}); nothing was changed.`, preview.problems);
  }
  const applied: Array<{ projectKey: string; version: number }> = [];
  const unchanged: string[] = [];
  for (const r of preview.rules) {
    if (r.unchanged || !r.after) {
      unchanged.push(r.projectKey);
      continue;
    }
    const saved = await rulesService.save(deps, actor, r.after, input.comment || `imported from a rules document (${r.sourceProjectKey})`);
    applied.push({ projectKey: r.projectKey, version: saved.version });
  }
  return { applied, unchanged };
}
