// Step one of rule validation: shape, with every problem named by its path.
import { err, ok, type Result } from '../result';
import { formatProblem, problemsFromZod, type RuleProblem } from './format-issues';
import { sharingRuleSchema, type SharingRule } from './schema';

export function parseRule(input: unknown): Result<SharingRule, 'invalid-rule', RuleProblem[]> {
  const parsed = sharingRuleSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const problems = problemsFromZod(parsed.error);
  return err('invalid-rule', problems.map(formatProblem).join('\n'), problems);
}
