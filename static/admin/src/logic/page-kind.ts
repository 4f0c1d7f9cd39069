// One bundle serves the admin page and the project settings page; Jira says which one it is in
// the extension context.

export type PageKind = { kind: 'admin' } | { kind: 'project'; projectKey: string } | { kind: 'unknown'; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function pageKindFromContext(context: unknown): PageKind {
  const extension = isObj(context) && isObj(context.extension) ? context.extension : null;
  const type = extension && typeof extension.type === 'string' ? extension.type : null;
  if (type === 'jira:adminPage') return { kind: 'admin' };
  if (type === 'jira:projectSettingsPage') {
    const project = extension && isObj(extension.project) ? extension.project : null;
    const key = project && typeof project.key === 'string' ? project.key : '';
    if (!key) return { kind: 'unknown', reason: 'The project settings page was opened without a project.' };
    return { kind: 'project', projectKey: key };
  }
  return { kind: 'unknown', reason: `This page does not know the module type ${type ?? '(none)'}.` };
}
