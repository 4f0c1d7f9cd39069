// Site configuration lookups: projects, their issue types and workflows, statuses, priorities, custom fields.
// Read from the store on each call so a restart or a seed change never leaves a stale copy behind.
import type { SiteStore } from './store';
import type {
  CustomFieldSeed,
  IssueTypeSeed,
  PrioritySeed,
  ProjectRecord,
  StatusSeed,
  TransitionSeed,
} from './types';

export class Catalog {
  constructor(private readonly store: SiteStore) {}

  projects(): ProjectRecord[] {
    return this.store.projects();
  }

  /** By key (case-insensitive), id, or name — as Jira resolves `project = X` and `{ project: { key | id } }`. */
  project(ref: string): ProjectRecord | undefined {
    const up = ref.toUpperCase();
    return this.projects().find((p) => p.key === up || p.id === ref || p.name.toLowerCase() === ref.toLowerCase());
  }

  projectByKey(key: string): ProjectRecord {
    const p = this.projects().find((x) => x.key === key);
    if (!p) throw new Error(`project ${key} missing from the store`);
    return p;
  }

  issueTypes(): IssueTypeSeed[] {
    const seen = new Map<string, IssueTypeSeed>();
    for (const p of this.projects()) for (const t of p.issueTypes) if (!seen.has(t.id)) seen.set(t.id, t);
    return [...seen.values()];
  }

  issueType(ref: string, project?: ProjectRecord): IssueTypeSeed | undefined {
    const types = project ? project.issueTypes : this.issueTypes();
    return types.find((t) => t.id === ref || t.name.toLowerCase() === ref.toLowerCase());
  }

  statuses(): StatusSeed[] {
    const seen = new Map<string, StatusSeed>();
    for (const p of this.projects()) for (const s of p.workflow.statuses) if (!seen.has(s.id)) seen.set(s.id, s);
    return [...seen.values()];
  }

  status(ref: string): StatusSeed | undefined {
    return this.statuses().find((s) => s.id === ref || s.name.toLowerCase() === ref.toLowerCase());
  }

  initialStatus(project: ProjectRecord): StatusSeed {
    const wf = project.workflow;
    const s = wf.statuses.find((x) => x.id === wf.initialStatusId) ?? wf.statuses[0];
    if (!s) throw new Error(`project ${project.key} has a workflow without statuses`);
    return s;
  }

  /** Transitions available from `statusId` (global ones included), in workflow order. */
  transitionsFrom(project: ProjectRecord, statusId: string): TransitionSeed[] {
    return project.workflow.transitions.filter((t) => t.from.length === 0 || t.from.includes(statusId));
  }

  priorities(): PrioritySeed[] {
    return this.store.priorities();
  }

  priority(ref: string): PrioritySeed | undefined {
    return this.priorities().find((p) => p.id === ref || p.name.toLowerCase() === ref.toLowerCase());
  }

  defaultPriority(): PrioritySeed | undefined {
    const all = this.priorities();
    return all.find((p) => p.isDefault) ?? all[Math.floor(all.length / 2)];
  }

  customFields(): CustomFieldSeed[] {
    return this.store.customFields();
  }

  customField(id: string): CustomFieldSeed | undefined {
    return this.customFields().find((f) => f.id === id);
  }
}
