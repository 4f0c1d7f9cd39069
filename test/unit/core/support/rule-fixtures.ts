import { parseRule } from '../../../../src/core/rules/parse-rule';
import type { SharingRule, SharingRuleInput } from '../../../../src/core/rules/schema';

export const baseRule: SharingRuleInput = {
  connectionId: 'conn-1',
  projectKey: 'ALPHA',
  fields: {
    summary: { direction: 'both', conflict: 'latest' },
    description: { direction: 'out' },
    status: { direction: 'both', conflict: 'partner' },
    priority: { direction: 'in' },
    assignee: { direction: 'out' },
    'custom:1': { direction: 'in', partnerField: 'custom:77' },
  },
  incoming: { create: { projectKey: 'ALPHA', issueType: 'Task' }, valueMaps: { status: { Resolved: 'Done' }, priority: { P1: 'High' } } },
};

export function rule(over: Partial<SharingRuleInput> = {}): SharingRule {
  const r = parseRule({ ...baseRule, ...over });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
