// Which neutral value kind a Jira field holds, from its schema (GET /field, `expand=schema`,
// createmeta). Custom field ids are site-wide in Jira, so one catalog serves every project.
import type { FieldConstraint } from '../../core/rules/metadata';
import type { JiraFieldSchema } from './jira-schemas';

export type FieldKind = FieldConstraint['kind'];

/** How a field's value is written: the kind plus the Jira JSON form of option lists. */
export type FieldShape = { kind: FieldKind; jira: 'string' | 'doc' | 'number' | 'option' | 'options' | 'strings' | 'names' | 'date' | 'user' | 'named' };

export function shapeOf(schema: JiraFieldSchema): FieldShape | null {
  const custom = schema.custom ?? '';
  switch (schema.type) {
    case 'string':
      return custom.endsWith(':textarea') ? { kind: 'rich', jira: 'doc' } : { kind: 'text', jira: 'string' };
    case 'number':
      return { kind: 'number', jira: 'number' };
    case 'option':
    case 'option-with-child':
      return { kind: 'option', jira: 'option' };
    case 'priority':
    case 'issuetype':
    case 'status':
      return { kind: 'option', jira: 'named' };
    case 'date':
      return { kind: 'date', jira: 'date' };
    case 'user':
      return { kind: 'user', jira: 'user' };
    case 'array':
      if (schema.items === 'option') return { kind: 'options', jira: 'options' };
      if (schema.items === 'string') return { kind: 'options', jira: 'strings' };
      if (schema.items === 'component' || schema.items === 'version') return { kind: 'options', jira: 'names' };
      return null;
    default:
      return null;
  }
}

export class FieldCatalog {
  private readonly shapes = new Map<string, FieldShape>();

  learn(jiraFieldId: string, schema: JiraFieldSchema | undefined): void {
    const shape = schema ? shapeOf(schema) : null;
    if (shape) this.shapes.set(jiraFieldId, shape);
  }

  shape(jiraFieldId: string): FieldShape | undefined {
    return this.shapes.get(jiraFieldId);
  }

  knows(jiraFieldId: string): boolean {
    return this.shapes.has(jiraFieldId);
  }
}
