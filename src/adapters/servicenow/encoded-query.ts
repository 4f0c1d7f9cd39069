// Values inside an encoded query (`sysparm_query`): `^` separates conditions, so a literal caret is
// written `^^`, as ServiceNow's own GlideRecord encoding does. Line breaks would end nothing but
// never belong in a compared value, so they are refused rather than sent.
export function queryValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new TypeError(`a ServiceNow query value cannot contain a line break: ${JSON.stringify(value)}`);
  return value.replace(/\^/g, '^^');
}
