// Reading sysparm_* query parameters: the display-value mode, flags, paging numbers and field lists.
import { badRequest } from './errors';
import type { RenderOptions } from './render';
import type { Ctx } from './router';

export function flag(ctx: Ctx, name: string): boolean {
  return (ctx.query.get(name) ?? '').toLowerCase() === 'true';
}

export function intParam(ctx: Ctx, name: string, fallback: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw badRequest(`Invalid value for ${name}`, `${name} must be a whole number that is not negative, got '${raw.slice(0, 40)}'`);
  return Math.min(Number(raw.trim()), Number.MAX_SAFE_INTEGER);
}

export function renderOptions(ctx: Ctx): RenderOptions {
  const mode = (ctx.query.get('sysparm_display_value') ?? 'false').toLowerCase();
  const fields = ctx.query.get('sysparm_fields');
  return {
    display: mode === 'true' ? 'true' : mode === 'all' ? 'all' : 'false',
    excludeLinks: flag(ctx, 'sysparm_exclude_reference_link'),
    ...(fields === null || fields.trim() === ''
      ? {}
      : { fields: [...new Set(fields.split(',').map((f) => f.trim()).filter(Boolean))] }),
  };
}

/** sysparm_query, or the name=value pairs that stand in for it (the two are mutually exclusive). */
export function queryText(ctx: Ctx, isField: (name: string) => boolean): string {
  const explicit = ctx.query.get('sysparm_query');
  if (explicit !== null) return explicit;
  const parts: string[] = [];
  ctx.query.forEach((value, key) => {
    if (!key.startsWith('sysparm_') && isField(key)) parts.push(`${key}=${value.replaceAll('^', '^^')}`);
  });
  return parts.join('^');
}
