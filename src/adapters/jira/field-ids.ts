// The core names Jira custom fields `custom:10020`; Jira names them `customfield_10020`.
import { isStandardFieldKey } from '../../core/fields/standard-fields';
import type { FieldKey } from '../../core/replica/field-key';

export function jiraFieldId(key: FieldKey): string {
  if (!key.startsWith('custom:')) return key;
  const id = key.slice('custom:'.length);
  return /^\d+$/.test(id) ? `customfield_${id}` : id;
}

export function fieldKeyOf(jiraId: string): FieldKey | null {
  const custom = /^customfield_(\d+)$/.exec(jiraId);
  if (custom) return `custom:${custom[1]}`;
  return isStandardFieldKey(jiraId) ? jiraId : null;
}
