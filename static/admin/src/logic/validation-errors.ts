// Places `error.details[]` next to the control they concern. A control owns a path and every
// problem at or below it (the status value map owns `incoming.valueMaps.status["Open"]`); what no
// control owns is shown at the top of the editor so nothing is silently lost.
import { parseRulePath, type PathSegment } from './rule-paths';

export type Problem = { path: string; message: string };

function segments(path: string): PathSegment[] | null {
  try {
    return parseRulePath(path);
  } catch {
    return null;
  }
}

function isUnder(path: readonly PathSegment[], owner: readonly PathSegment[]): boolean {
  return owner.length <= path.length && owner.every((seg, i) => seg === path[i]);
}

/** Problems a control at `controlPath` should show, with the part of the path below it named. */
export function problemsAt(problems: readonly Problem[], controlPath: string): string[] {
  const owner = segments(controlPath);
  if (!owner) return [];
  return problems.flatMap((p) => {
    const path = segments(p.path);
    if (!path || !isUnder(path, owner)) return [];
    const rest = path.slice(owner.length);
    return [rest.length === 0 ? p.message : `${describeRest(rest)}: ${p.message}`];
  });
}

function describeRest(rest: readonly PathSegment[]): string {
  return rest.map((s) => (typeof s === 'number' ? `entry ${s + 1}` : `"${s}"`)).join(' › ');
}

/** Problems no listed control owns: shown together above the editor. */
export function unplacedProblems(problems: readonly Problem[], controlPaths: readonly string[]): Problem[] {
  const owners = controlPaths.map(segments).filter((s): s is PathSegment[] => s !== null);
  return problems.filter((p) => {
    const path = segments(p.path);
    return !path || !owners.some((o) => isUnder(path, o));
  });
}

/** A DOM id for a control path, stable and safe for aria-describedby. */
export const controlId = (path: string): string => `rule-${path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '')}`;

/** The backend may report paths of the whole payload (`rule.scope…`); the editor edits the rule. */
export function rulePathsOnly(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => (p.path === 'rule' ? { ...p, path: '(rule)' } : /^rule[.[]/.test(p.path) ? { ...p, path: p.path.slice(p.path[4] === '.' ? 5 : 4) } : p));
}

/** Every path the rule editor has a control for (problems elsewhere are listed above it). */
export const RULE_CONTROL_PATHS = [
  'fields',
  'outgoing.userPrivacy',
  'outgoing.comments.enabled',
  'outgoing.comments.includeInternal',
  'outgoing.attachments.enabled',
  'outgoing.attachments.maxBytes',
  'outgoing.attachments.mimeTypes',
  'incoming.valueMaps.status',
  'incoming.valueMaps.priority',
  'incoming.valueMaps.issuetype',
  'incoming.users.matchByEmail',
  'incoming.users.map',
  'incoming.users.defaultAccountId',
  'incoming.comments.enabled',
  'incoming.comments.asInternal',
  'incoming.attachments.enabled',
  'incoming.directLinks',
  'incoming.create',
  'scope.issueTypes',
  'scope.statuses',
  'scope.labels',
  'scope.manualStart',
  'scope.pilot',
  'mode',
] as const;
