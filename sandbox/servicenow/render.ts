// Records as the Table API answers them: every value a string, reference fields as `{link, value}`
// (or bare with sysparm_exclude_reference_link), and sysparm_display_value=true|false|all.
import type { RequestScope } from './context';
import { actualValue, displayValue, resolvePath } from './field-values';
import type { TableDef } from './schema';
import type { SnRecord } from './types';

export type DisplayMode = 'true' | 'false' | 'all';

export interface RenderOptions {
  display: DisplayMode;
  excludeLinks: boolean;
  /** sysparm_fields; all fields when absent. Unknown names are ignored. */
  fields?: string[];
}

export function renderRecord(scope: RequestScope, table: TableDef, record: SnRecord, opts: RenderOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const paths = opts.fields ?? table.fields.map((f) => f.name);
  for (const path of paths) {
    const r = resolvePath(scope, table, record, path);
    if (!r) continue;
    const value = actualValue(r);
    const isRef = r.field.type === 'reference' && value !== '';
    const link = isRef ? `${scope.origin}/api/now/table/${r.field.reference}/${value}` : '';
    if (opts.display === 'false') {
      out[path] = isRef && !opts.excludeLinks ? { link, value } : value;
      continue;
    }
    const display = displayValue(scope, r);
    if (opts.display === 'true') {
      out[path] = isRef && !opts.excludeLinks ? { display_value: display, link } : display;
    } else {
      out[path] = isRef && !opts.excludeLinks ? { display_value: display, link, value } : { display_value: display, value };
    }
  }
  return out;
}
