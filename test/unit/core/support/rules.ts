// Sharing rules for engine tests: site A (project ALPHA) and site B (project BETA) mirror each other.
import type { SharingRuleInput } from '../../../../src/core/rules/schema';

type Policy = 'local' | 'partner' | 'latest';

export function mirrorRules(policyA: Policy = 'latest', policyB: Policy = 'latest'): { a: SharingRuleInput; b: SharingRuleInput } {
  const twoWay = (p: Policy) => ({ direction: 'both' as const, conflict: p });
  return {
    a: {
      connectionId: 'conn-1',
      projectKey: 'ALPHA',
      fields: { summary: twoWay(policyA), priority: twoWay(policyA), status: twoWay(policyA), labels: twoWay(policyA), duedate: { direction: 'out' }, 'custom:1': { direction: 'in' } },
      incoming: { create: { projectKey: 'ALPHA', issueType: 'Task' } },
    },
    b: {
      connectionId: 'conn-1',
      projectKey: 'BETA',
      fields: { summary: twoWay(policyB), priority: twoWay(policyB), status: twoWay(policyB), labels: twoWay(policyB), duedate: { direction: 'in' }, 'custom:1': { direction: 'out' } },
      incoming: { create: { projectKey: 'BETA', issueType: 'Task' } },
    },
  };
}
