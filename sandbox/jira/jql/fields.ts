// How each JQL field reads an issue and which operators it accepts. Values are normalised to strings
// (ids, keys, account ids) or numbers (epoch ms, numeric custom fields) before comparison.
import type { RequestScope } from '../context';
import { adfToText } from '../adf';
import type { IssueRecord } from '../types';
import { requestTypeField, requestTypeNames } from './request-type-field';
import { versionField } from './version-field';

export type FieldKind = 'ref' | 'version' | 'labels' | 'date' | 'number' | 'text' | 'property';

/** A function a field takes: a list function goes with IN / NOT IN, a single one with = / !=. */
export interface JqlFunction {
  list: boolean;
  call(args: string[]): { values: string[] } | { error: string };
}

export interface JqlField {
  name: string;
  kind: FieldKind;
  /** The issue's values for this field; empty array = EMPTY. */
  read(issue: IssueRecord): (string | number)[];
  /** Maps a query value to the stored form; undefined when no such value exists on the site. */
  resolve?(value: string): string | undefined;
  /** Sort key for ORDER BY. */
  sortKey(issue: IssueRecord): string | number;
  /** For >, >=, <, <= where the field has its own order (versions): sign of have − wanted; undefined when not comparable. */
  compareValues?(have: string | number, wanted: string | number): number | undefined;
  /** The JQL functions this field takes, by lower-cased name. */
  functions?: Record<string, JqlFunction>;
}

export const OPERATORS: Record<FieldKind, string[]> = {
  ref: ['=', '!=', 'in', 'not in', 'is', 'is not'],
  version: ['=', '!=', '>', '>=', '<', '<=', 'in', 'not in', 'is', 'is not'],
  labels: ['=', '!=', 'in', 'not in', 'is', 'is not'],
  date: ['=', '!=', '>', '>=', '<', '<=', 'in', 'not in', 'is', 'is not'],
  number: ['=', '!=', '>', '>=', '<', '<=', 'in', 'not in', 'is', 'is not'],
  text: ['~', '!~', 'is', 'is not'],
  property: ['=', '!=', 'in', 'not in', 'is', 'is not'],
};

const keyOrder = (key: string): string => {
  const [p, n] = key.split('-');
  return `${p}-${String(n).padStart(12, '0')}`;
};
const dayMs = (d: string | null): number[] => (d ? [Date.parse(`${d}T00:00:00Z`)] : []);

export function jqlFields(scope: RequestScope): Map<string, JqlField> {
  const { catalog, store } = scope.site;
  const fields = new Map<string, JqlField>();
  const add = (names: string[], f: Omit<JqlField, 'name'>): void => {
    for (const n of names) fields.set(n.toLowerCase(), { ...f, name: names[0] as string });
  };
  const user = (pick: (i: IssueRecord) => string | null): Omit<JqlField, 'name'> => ({
    kind: 'ref',
    read: (i) => (pick(i) ? [pick(i) as string] : []),
    resolve: (v) => store.user(v)?.accountId ?? store.users().find((u) => u.emailAddress === v)?.accountId,
    sortKey: (i) => (pick(i) ? (store.user(pick(i) as string)?.displayName ?? '') : ''),
  });
  add(['project'], {
    kind: 'ref',
    read: (i) => [i.projectKey],
    resolve: (v) => catalog.project(v)?.key,
    sortKey: (i) => i.projectKey,
  });
  add(['key', 'issuekey', 'id'], {
    kind: 'ref',
    read: (i) => [i.key],
    resolve: (v) => (/^\d+$/.test(v) ? store.issueById(v)?.key : store.issueByKey(v)?.key),
    sortKey: (i) => keyOrder(i.key),
  });
  add(['labels'], { kind: 'labels', read: (i) => i.labels, sortKey: (i) => i.labels.join(' ') });
  // `parent`: the epic above a standard issue, the issue above a sub-task; by key or id (Jira Cloud's
  // JQL reference, "Parent": =, !=, IN, NOT IN).
  add(['parent'], {
    kind: 'ref',
    read: (i) => (i.parentId ? [store.issueById(i.parentId)?.key ?? i.parentId] : []),
    resolve: (v) => (/^\d+$/.test(v) ? store.issueById(v)?.key : store.issueByKey(v)?.key),
    sortKey: (i) => i.parentId ?? '',
  });
  // Components and versions: by id, or by name in any project (a JQL name is not tied to one
  // project); an issue answers to each of its values' ids and names. Archived versions still match.
  // Versions also have an order and functions (version-field.ts).
  const part = (issueKey: 'componentIds'): Omit<JqlField, 'name'> => {
    const parts = new Map<string, string>();
    for (const p of catalog.projects()) for (const x of p.components ?? []) parts.set(x.id, x.name);
    const partNames = new Set([...parts.values()].map((n) => n.toLowerCase()));
    return {
      kind: 'ref',
    read: (i) => (i[issueKey] ?? []).flatMap((id) => (parts.has(id) ? [id, (parts.get(id) as string).toLowerCase()] : [])),
      resolve: (v) => (/^\d+$/.test(v) && parts.has(v) ? v : partNames.has(v.toLowerCase()) ? v.toLowerCase() : undefined),
      sortKey: (i) => (i[issueKey] ?? []).map((id) => parts.get(id) ?? '').join(' ').toLowerCase(),
    };
  };
  add(['component'], part('componentIds'));
  add(['fixVersion'], versionField(catalog, 'fixVersionIds'));
  add(['affectedVersion'], versionField(catalog, 'versionIds'));
  // Looked up once per query: sort keys run O(n log n) times.
  const statuses = catalog.statuses();
  const statusIndex = (id: string): number => statuses.findIndex((s) => s.id === id);
  add(['status'], {
    kind: 'ref',
    read: (i) => [i.statusId],
    resolve: (v) => catalog.status(v)?.id,
    sortKey: (i) => statusIndex(i.statusId),
  });
  const CATEGORY_NAMES: Record<string, string> = { 'to do': 'new', 'in progress': 'indeterminate', done: 'done' };
  add(['statusCategory'], {
    kind: 'ref',
    read: (i) => [statuses.find((s) => s.id === i.statusId)?.category ?? ''],
    resolve: (v) => {
      const lower = v.toLowerCase();
      if (['new', 'indeterminate', 'done'].includes(lower)) return lower;
      return CATEGORY_NAMES[lower] ?? ({ '2': 'new', '4': 'indeterminate', '3': 'done' } as Record<string, string>)[v];
    },
    sortKey: (i) => statuses.find((s) => s.id === i.statusId)?.category ?? '',
  });
  add(['issuetype', 'type'], {
    kind: 'ref',
    read: (i) => [i.issueTypeId],
    resolve: (v) => catalog.issueType(v)?.id,
    sortKey: (i) => issueTypes.find((t) => t.id === i.issueTypeId)?.name ?? '',
  });
  const priorityIds = catalog.priorities().map((p) => p.id);
  const issueTypes = catalog.issueTypes();
  add(['priority'], {
    kind: 'ref',
    read: (i) => (i.priorityId ? [i.priorityId] : []),
    resolve: (v) => catalog.priority(v)?.id,
    // Jira sorts priorities by their scheme order: DESC puts Highest first.
    sortKey: (i) => (i.priorityId ? priorityIds.length - priorityIds.indexOf(i.priorityId) : 0),
  });
  add(['assignee'], user((i) => i.assigneeId));
  add(['reporter'], user((i) => i.reporterId));
  add(['creator'], user((i) => i.creatorId));
  add(['created', 'createdDate'], { kind: 'date', read: (i) => [i.created], sortKey: (i) => i.created });
  add(['updated', 'updatedDate'], { kind: 'date', read: (i) => [i.updated], sortKey: (i) => i.updated });
  add(['duedate', 'due'], { kind: 'date', read: (i) => dayMs(i.duedate), sortKey: (i) => dayMs(i.duedate)[0] ?? 0 });
  add(['summary'], { kind: 'text', read: (i) => [i.summary], sortKey: (i) => i.summary.toLowerCase() });
  add(['description'], {
    kind: 'text',
    read: (i) => (i.description ? [adfToText(i.description)] : []),
    sortKey: () => 0,
  });
  add(['comment'], { kind: 'text', read: (i) => store.comments(i.id).map((c) => adfToText(c.body)), sortKey: () => 0 });
  add(['text'], {
    kind: 'text',
    read: (i) => [i.summary, adfToText(i.description), ...store.comments(i.id).map((c) => adfToText(c.body)), ...Object.values(i.custom).filter((v): v is string => typeof v === 'string')],
    sortKey: () => 0,
  });
  for (const cf of catalog.customFields()) {
    const numeric = cf.id.replace('customfield_', '');
    const raw = (i: IssueRecord): (string | number)[] => {
      const v = i.custom[cf.id];
      if (v === undefined) return [];
      return [typeof v === 'object' ? v.optionId : v];
    };
    const kind: FieldKind = cf.kind === 'text' ? 'text' : cf.kind === 'number' ? 'number' : 'ref';
    add([cf.name, `cf[${numeric}]`, cf.id], {
      kind,
      read: raw,
      resolve: cf.kind === 'select' ? (v) => cf.options?.find((o) => o.value.toLowerCase() === v.toLowerCase() || o.id === v)?.id : undefined,
      sortKey: (i) => {
        const v = raw(i)[0];
        if (v === undefined) return '';
        return cf.kind === 'select' ? (cf.options?.find((o) => o.id === v)?.value ?? '') : v;
      },
    });
  }
  const requestType = requestTypeField(scope.site);
  if (requestType) add(requestTypeNames(scope.site), requestType);
  return fields;
}
