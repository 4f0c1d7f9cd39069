// JQL errors carry Jira's wording; the search route turns them into 400 ErrorCollections.
import { JiraError } from '../errors';

export function jqlSyntaxError(detail: string, pos: number): JiraError {
  return new JiraError(400, [`Error in the JQL Query: ${detail} (line 1, character ${pos})`]);
}

export const unknownField = (name: string): string =>
  `Field '${name}' does not exist or you do not have permission to view it.`;
export const unknownValue = (value: string, field: string): string =>
  `The value '${value}' does not exist for the field '${field}'.`;
export const unsupportedOperator = (op: string, field: string): string =>
  `The operator '${op}' is not supported by the '${field}' field.`;
export const badDate = (value: string, field: string): string =>
  `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`;
export const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
