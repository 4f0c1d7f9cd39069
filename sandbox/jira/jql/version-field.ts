// JQL's version fields (fixVersion, affectedVersion): by name or id like any reference, plus what only
// versions have (Jira Cloud's JQL fields and functions pages, cited in sandbox/jira/README.md):
// - `>`, `>=`, `<`, `<=` compare in the version order the project admin set (the project's list
//   order here), never numerically or alphabetically; an issue's version is compared only with the
//   named version of its own project.
// - releasedVersions() / unreleasedVersions() take IN / NOT IN, optionally limited to projects, and
//   include archived versions; latestReleasedVersion(project) / earliestUnreleasedVersion(project)
//   take = / != and name one version per project (archived ones left out), by version order, not by
//   release date.
import type { Catalog } from '../catalog';
import type { IssueRecord } from '../types';
import type { JqlField, JqlFunction } from './fields';

type Version = { id: string; lower: string; projectKey: string; index: number; released: boolean; archived: boolean };

function projectsOf(catalog: Catalog, fn: string, args: string[]): { keys: string[] } | { error: string } {
  const keys: string[] = [];
  for (const a of args) {
    const p = catalog.project(a);
    if (!p) return { error: `Could not resolve the project '${a}' provided to function '${fn}'.` };
    keys.push(p.key);
  }
  return { keys };
}

export function versionField(catalog: Catalog, issueKey: 'fixVersionIds' | 'versionIds'): Omit<JqlField, 'name'> {
  const versions: Version[] = [];
  for (const p of catalog.projects()) {
    (p.versions ?? []).forEach((v, index) => versions.push({ id: v.id, lower: v.name.toLowerCase(), projectKey: p.key, index, released: v.released ?? false, archived: v.archived ?? false }));
  }
  const byId = new Map(versions.map((v) => [v.id, v]));
  const names = new Set(versions.map((v) => v.lower));
  const inProjects = (keys: string[]): Version[] => (keys.length === 0 ? versions : versions.filter((v) => keys.includes(v.projectKey)));

  const listFn = (fn: string, released: boolean): JqlFunction => ({
    list: true,
    call: (args) => {
      const r = projectsOf(catalog, fn, args);
      return 'error' in r ? r : { values: inProjects(r.keys).filter((v) => v.released === released).map((v) => v.id) };
    },
  });
  const oneFn = (fn: string, pick: (vs: Version[]) => Version | undefined): JqlFunction => ({
    list: false,
    call: (args) => {
      if (args.length === 0) return { error: `Function '${fn}' expected '1' arguments but received '0'.` };
      const r = projectsOf(catalog, fn, args);
      if ('error' in r) return r;
      return { values: r.keys.flatMap((k) => pick(versions.filter((v) => v.projectKey === k && !v.archived)) ?? []).map((v) => v.id) };
    },
  });

  return {
    kind: 'version',
    // An issue answers to each of its versions' ids and (lower-cased) names.
    read: (i: IssueRecord) => (i[issueKey] ?? []).flatMap((id) => (byId.has(id) ? [id, byId.get(id)!.lower] : [])),
    resolve: (v) => (/^\d+$/.test(v) && byId.has(v) ? v : names.has(v.toLowerCase()) ? v.toLowerCase() : undefined),
    sortKey: (i) => (i[issueKey] ?? []).map((id) => byId.get(id)?.lower ?? '').join(' '),
    // Only an issue's version ids take part (its names are there for = and IN), and only against the
    // version of the same project that the query names.
    compareValues: (have, wanted) => {
      const mine = typeof have === 'string' ? byId.get(have) : undefined;
      if (!mine) return undefined;
      const w = String(wanted).toLowerCase();
      const theirs = versions.find((v) => v.projectKey === mine.projectKey && (v.id === w || v.lower === w));
      return theirs ? mine.index - theirs.index : undefined;
    },
    functions: {
      releasedversions: listFn('releasedVersions', true),
      unreleasedversions: listFn('unreleasedVersions', false),
      latestreleasedversion: oneFn('latestReleasedVersion', (vs) => vs.filter((v) => v.released).at(-1)),
      earliestunreleasedversion: oneFn('earliestUnreleasedVersion', (vs) => vs.find((v) => !v.released)),
    },
  };
}
