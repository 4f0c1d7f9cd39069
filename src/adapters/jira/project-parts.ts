// Creating the components and versions a write needs when the rule allows it (the core put their
// names in `edit.createMissing`). One GET of the project answers both kinds and gives the id a
// version create needs; a name that exists by now (another write, a stale metadata cache) is not
// created twice. Jira: POST /rest/api/3/component {name, project} and POST /rest/api/3/version
// {name, projectId}; both need Administer Projects on the project (manage:jira-project).
import { route } from '@forge/api';
import { z } from 'zod';
import type { FieldEdit } from '../../core/planning/change-plan';
import { jiraField } from './fields';
import type { JiraClient } from './jira-client';
import { JiraApiError } from './jira-errors';
import { jsonBody } from './jira-http';

const named = z.array(z.looseObject({ name: z.string() })).default([]);
const projectPartsSchema = z.looseObject({ id: z.string(), key: z.string(), components: named, versions: named });
const createdSchema = z.looseObject({ id: z.string(), name: z.string() });

export class ProjectParts {
  constructor(private readonly client: JiraClient) {}

  /** Creates every missing value the edits allow; a refusal names the field. */
  async ensure(edits: readonly FieldEdit[]): Promise<void> {
    const projects = new Map<string, z.output<typeof projectPartsSchema>>();
    for (const edit of edits) {
      const wanted = edit.createMissing;
      const part = jiraField(edit.field)?.part;
      if (!wanted || wanted.names.length === 0 || !part) continue;
      let project = projects.get(wanted.projectKey);
      if (!project) {
        project = await this.client.json(`read the components and versions of ${wanted.projectKey}`, projectPartsSchema, 'GET', route`/rest/api/3/project/${wanted.projectKey}`);
        projects.set(wanted.projectKey, project);
      }
      const have = new Set(project[part].map((p) => p.name));
      for (const name of wanted.names) {
        if (have.has(name)) continue;
        await this.create(edit.field, part, project, name);
        have.add(name);
        project[part].push({ name });
      }
    }
  }

  private async create(field: string, part: 'components' | 'versions', project: { id: string; key: string }, name: string): Promise<void> {
    const what = `create the ${part === 'components' ? 'component' : 'version'} "${name}" in ${project.key}`;
    try {
      if (part === 'components') await this.client.json(what, createdSchema, 'POST', route`/rest/api/3/component`, jsonBody({ name, project: project.key }));
      else await this.client.json(what, createdSchema, 'POST', route`/rest/api/3/version`, jsonBody({ name, projectId: Number(project.id) }));
    } catch (e) {
      if (e instanceof JiraApiError && !e.field) throw new JiraApiError(e.message, e.transient, e.status, field, e.retryAfterMs, { cause: e });
      throw e;
    }
  }
}
