// Places `error.details[]` next to the control they concern. A control owns a path and every
// problem at or below it (the status value map owns `incoming.valueMaps.status["Open"]`); what no
// control owns is shown at the top of the editor so nothing is silently lost.
import { formatRulePath, parseRulePath, type PathSegment } from './rule-paths';

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
  'outgoing.worklogs.enabled',
  'incoming.valueMaps.status',
  'incoming.valueMaps.priority',
  'incoming.valueMaps.issuetype',
  'incoming.valueMaps.components',
  'incoming.valueMaps.fixVersions',
  'incoming.valueMaps.versions',
  'incoming.createMissing',
  'incoming.users.matchByEmail',
  'incoming.users.map',
  'incoming.users.defaultAccountId',
  'incoming.comments.enabled',
  'incoming.comments.asInternal',
  'incoming.attachments.enabled',
  'incoming.worklogs.enabled',
  'incoming.directLinks',
  'incoming.create',
  'scope.issueTypes',
  'scope.statuses',
  'scope.labels',
  'scope.manualStart',
  'scope.pilot',
  'mode',
] as const;

/** What each control is called on screen: the problem list above the Save button names these. */
export const RULE_CONTROL_LABELS: Record<(typeof RULE_CONTROL_PATHS)[number], string> = {
  fields: 'Fields',
  'outgoing.userPrivacy': 'People fields leave as',
  'outgoing.comments.enabled': 'Send public comments',
  'outgoing.comments.includeInternal': 'Also send internal comments',
  'outgoing.attachments.enabled': 'Send attachments',
  'outgoing.attachments.maxBytes': 'Attachment size limit',
  'outgoing.attachments.mimeTypes': 'Attachment types allowed out',
  'outgoing.worklogs.enabled': 'Send worklogs',
  'incoming.valueMaps.status': 'Status value map',
  'incoming.valueMaps.priority': 'Priority value map',
  'incoming.valueMaps.issuetype': 'Issue type value map',
  'incoming.valueMaps.components': 'Component value map',
  'incoming.valueMaps.fixVersions': 'Fix version value map',
  'incoming.valueMaps.versions': 'Affects version value map',
  'incoming.createMissing': 'Create missing components and versions',
  'incoming.users.matchByEmail': 'Match people by email',
  'incoming.users.map': 'User mapping',
  'incoming.users.defaultAccountId': 'Default account',
  'incoming.comments.enabled': 'Accept comments',
  'incoming.comments.asInternal': 'Partner comments as internal notes',
  'incoming.attachments.enabled': 'Accept attachments',
  'incoming.worklogs.enabled': 'Accept worklogs',
  'incoming.directLinks': 'Trusted partner links',
  'incoming.create': 'Create issues',
  'scope.issueTypes': 'Issue types in scope',
  'scope.statuses': 'Statuses in scope',
  'scope.labels': 'Labels in scope',
  'scope.manualStart': 'Start only when an agent presses Start syncing',
  'scope.pilot': 'Pilot',
  mode: 'Send changes',
};

/** Sub-controls with a label of their own. */
const SUB_LABELS: Record<string, string> = {
  'incoming.create.projectKey': 'Create in project',
  'incoming.create.issueType': 'As issue type',
  'scope.pilot.labels': 'Pilot labels',
  'scope.pilot.issueKeys': 'Pilot issue keys',
  'mode.everyMinutes': 'Every (minutes)',
};
const FIELD_PARTS: Record<string, string> = { direction: 'direction', conflict: 'conflict policy', partnerField: 'partner field' };

/** A problem as the admin reads it, with the DOM ids to focus, most specific first. */
export type LabelledProblem = { path: string; label: string; message: string; targets: string[] };

/**
 * Names each problem by the label of the control that shows it (`Statuses in scope`, `Summary
 * direction`), never by its path; `targets` are the ids of that control and of the ones around it,
 * so the link focuses the nearest control that is on screen.
 */
export function labelProblems(problems: readonly Problem[], fieldNames: ReadonlyMap<string, string>): LabelledProblem[] {
  return problems.map((p) => {
    const path = segments(p.path);
    if (!path) return { path: p.path, label: 'Rule', message: p.message, targets: [] };
    const targets = path.map((_s, i) => formatPrefix(path, path.length - i)).map(controlId);
    if (path[0] === 'fields' && typeof path[1] === 'string') {
      const name = fieldNames.get(path[1]) ?? path[1];
      const part = typeof path[2] === 'string' ? FIELD_PARTS[path[2]] : undefined;
      return { path: p.path, label: part ? `${name} ${part}` : name, message: p.message, targets };
    }
    for (let n = path.length; n > 0; n--) {
      const prefix = formatPrefix(path, n);
      const label = SUB_LABELS[prefix] ?? (RULE_CONTROL_LABELS as Record<string, string>)[prefix];
      if (!label) continue;
      const rest = path.slice(n);
      return { path: p.path, label, message: rest.length ? `${describeRest(rest)}: ${p.message}` : p.message, targets };
    }
    return { path: p.path, label: 'Rule', message: p.message, targets };
  });
}

const formatPrefix = (path: readonly PathSegment[], n: number): string => formatRulePath(path.slice(0, n));
