// JQL on issue entity properties: `issue.property[<key>].<dotted.path>`, and search aliases an app
// declares for such a path (Forge `jira:entityProperty` values with `searchAlias`). Values are read from
// the stored property and compared as strings; an array at the path contributes each element, as Jira
// indexes every item of an array. A path that ends on an object or is missing reads as EMPTY.
import type { RequestScope } from '../context';
import type { SiteStore } from '../store';
import type { IssueRecord } from '../types';
import type { JqlField } from './fields';

export interface PropertyAlias {
  alias: string;
  propertyKey: string;
  path: string;
}

const ALIASES_META = 'propertyAliases';
const PROPERTY_CLAUSE = /^issue\.property\[([^\]]+)\]\.(.+)$/i;

export function propertyAliases(store: SiteStore): PropertyAlias[] {
  return store.getMeta<PropertyAlias[]>(ALIASES_META) ?? [];
}

/** Declares (or redeclares) a search alias; kept in the site's store so it survives a restart. */
export function registerPropertyAlias(store: SiteStore, alias: PropertyAlias): void {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(alias.alias)) throw new Error(`registerPropertyAlias: '${alias.alias}' is not a valid search alias`);
  if (!alias.propertyKey || alias.propertyKey.length > 255) throw new Error('registerPropertyAlias: the property key must be 1-255 characters');
  if (!/^[^.]+(\.[^.]+)*$/.test(alias.path)) throw new Error(`registerPropertyAlias: '${alias.path}' is not a dotted path`);
  const others = propertyAliases(store).filter((a) => a.alias.toLowerCase() !== alias.alias.toLowerCase());
  store.setMeta(ALIASES_META, [...others, alias]);
}

function leaves(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  return [];
}

function readPath(value: unknown, path: string[]): string[] {
  let here: unknown = value;
  for (const step of path) {
    if (typeof here !== 'object' || here === null || Array.isArray(here)) return [];
    here = (here as Record<string, unknown>)[step];
  }
  return leaves(here);
}

function field(scope: RequestScope, name: string, propertyKey: string, path: string): JqlField {
  const steps = path.split('.');
  const read = (i: IssueRecord): string[] => {
    const stored = scope.site.store.property('issue', i.id, propertyKey);
    return stored === undefined ? [] : readPath(stored, steps);
  };
  return { name, kind: 'property', read, sortKey: (i) => read(i)[0] ?? '' };
}

/** The JQL field for a property clause or a declared alias; undefined for any other name. */
export function propertyField(scope: RequestScope, name: string): JqlField | undefined {
  const m = PROPERTY_CLAUSE.exec(name);
  if (m) return field(scope, name, m[1] as string, m[2] as string);
  const alias = propertyAliases(scope.site.store).find((a) => a.alias.toLowerCase() === name.toLowerCase());
  return alias ? field(scope, alias.alias, alias.propertyKey, alias.path) : undefined;
}
