// Two emulated Jira Cloud sites, acme and globex, each running the real Liaison app through the real
// Forge SDKs, connected by the admin resolvers and sharing their demo projects both ways. Time is
// virtual: nothing moves until a test settles or advances the clock, so back-off is deterministic.
import assert from 'node:assert/strict';
import { SandboxWorld, type WorldOptions, type WorldSiteOptions } from '../../../sandbox/world';
import { SandboxClock } from '../../../sandbox/platform';
import { defaultSeed, type SiteSeed } from '../../../sandbox/jira';
import { asAdmin, connectDemo, demoRule } from '../../../sandbox/demo/liaison-demo';
import type { PanelView, ResolverResult } from '../../../src/shared/resolver-contract';
import { appRoot } from '../../support/paths';

export type SiteName = 'acme' | 'globex';
export type Json = Record<string, unknown>;
export type IssueRef = { id: string; key: string };

/** A Monday morning, so due dates and audit days read naturally. */
export const T0 = Date.UTC(2030, 0, 7, 9, 0, 0);

export const adfText = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

/** One site as its people and its admin see it: REST v3 as a user, and Liaison's resolvers. */
export class SiteHandle {
  constructor(
    private readonly world: SandboxWorld,
    readonly name: SiteName,
  ) {}

  get site() {
    return this.world.site(this.name);
  }
  get project(): string {
    return this.site.projects[0]!;
  }
  get jira() {
    return this.site.jira;
  }
  get recorder() {
    return this.site.installation.recorder;
  }

  /** A REST v3 call as `actor` (the site's admin by default); JSON in, parsed JSON out. */
  async call<T = Json>(method: string, path: string, body?: unknown, actor = this.site.admin.accountId): Promise<{ status: number; body: T }> {
    const res = await this.jira.request({
      method, path, headers: { 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }), actor: { accountId: actor },
    });
    const text = res.body === undefined ? '' : typeof res.body === 'string' ? res.body : Buffer.from(res.body).toString('utf8');
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** Like call(), but a 4xx/5xx fails the test with Jira's own error text. */
  async rest<T = Json>(method: string, path: string, body?: unknown, actor?: string): Promise<T> {
    const res = await this.call<T>(method, path, body, actor);
    assert.ok(res.status < 400, `${this.name}: ${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async createIssue(fields: Json, actor?: string): Promise<IssueRef> {
    return this.rest<IssueRef>('POST', '/rest/api/3/issue', { fields: { project: { key: this.project }, issuetype: { name: 'Task' }, ...fields } }, actor);
  }

  async issue(key: string, fields = '*all'): Promise<{ id: string; key: string; fields: Json }> {
    return this.rest('GET', `/rest/api/3/issue/${key}?fields=${encodeURIComponent(fields)}`);
  }

  async edit(key: string, fields: Json, actor?: string): Promise<void> {
    await this.rest('PUT', `/rest/api/3/issue/${key}`, { fields }, actor);
  }

  /** Moves the issue to `status` through the workflow's transition to it. */
  async transition(key: string, status: string): Promise<void> {
    const { transitions } = await this.rest<{ transitions: Array<{ id: string; to: { name: string } }> }>('GET', `/rest/api/3/issue/${key}/transitions`);
    const t = transitions.find((x) => x.to.name === status);
    assert.ok(t, `${this.name}: ${key} has no transition to ${status}`);
    await this.rest('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: t.id } });
  }

  async status(key: string): Promise<string> {
    return ((await this.issue(key, 'status')).fields.status as { name: string }).name;
  }

  async addComment(key: string, text: string, opts: { internal?: boolean; actor?: string } = {}): Promise<string> {
    const body = { body: adfText(text), ...(opts.internal ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}) };
    return (await this.rest<{ id: string }>('POST', `/rest/api/3/issue/${key}/comment`, body, opts.actor)).id;
  }

  async comments(key: string): Promise<Array<{ id: string; text: string; internal: boolean; author: string }>> {
    const page = await this.rest<{ comments: Array<{ id: string; body: unknown; jsdPublic: boolean; author: { displayName: string } }> }>('GET', `/rest/api/3/issue/${key}/comment`);
    return page.comments.map((c) => ({ id: c.id, text: plainText(c.body), internal: !c.jsdPublic, author: c.author.displayName }));
  }

  async search(jql: string, fields = ['summary']): Promise<Array<{ id: string; key: string; fields: Json }>> {
    return (await this.rest<{ issues: Array<{ id: string; key: string; fields: Json }> }>('POST', '/rest/api/3/search/jql', { jql, fields, maxResults: 100 })).issues;
  }

  /** Issues of the demo project whose summary contains `text` (Jira's `~` is a word match). */
  async findBySummary(text: string): Promise<Array<{ id: string; key: string; fields: Json }>> {
    return (await this.search(`project = ${this.project} ORDER BY key`)).filter((i) => String(i.fields.summary).includes(text));
  }

  async remoteLinks(key: string): Promise<Array<{ globalId?: string; object: { url: string; title: string } }>> {
    return this.rest('GET', `/rest/api/3/issue/${key}/remotelink`);
  }

  /** An issue panel resolver, called as the site's admin on `issue`. */
  async panel<T = unknown>(key: string, issue: IssueRef, payload: Json = {}): Promise<ResolverResult<T>> {
    return (await this.site.installation.invokeResolver('issue-panel', key, payload, {
      accountId: this.site.admin.accountId,
      extensionContext: { type: 'jira:issuePanel', issue: { id: issue.id, key: issue.key }, project: { key: issue.key.split('-')[0] } },
    })) as ResolverResult<T>;
  }

  async panelView(issue: IssueRef): Promise<PanelView> {
    return ok(await this.panel<PanelView>('panel/get', issue));
  }

  /** An admin resolver; a failed envelope fails the test. */
  admin<T = unknown>(key: string, payload: Json = {}): Promise<T> {
    return asAdmin<T>(this.world, this.name, key, payload);
  }

  /** An admin resolver's raw envelope, for the refusals a test expects. */
  async adminResult<T = unknown>(key: string, payload: Json = {}): Promise<ResolverResult<T>> {
    return (await this.site.installation.invokeResolver('admin-page', key, payload, { accountId: this.site.admin.accountId, extensionContext: { type: 'jira:adminPage' } })) as ResolverResult<T>;
  }
}

export function ok<T>(result: ResolverResult<T>): T {
  if (!result.ok) assert.fail(`resolver failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

export function plainText(adf: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as { type?: string; text?: string; content?: unknown[] };
    if (node.type === 'text' && node.text) out.push(node.text);
    for (const c of node.content ?? []) walk(c);
  };
  walk(adf);
  return out.join('');
}

export interface Mirror {
  world: SandboxWorld;
  clock: SandboxClock;
  connectionId: string;
  acme: SiteHandle;
  globex: SiteHandle;
  /**
   * Lets every delivery on its way land (product events up to Forge's 3-minute delay, the storage
   * index lag), moving the clock as far as that takes and running what falls due on the way.
   */
  settle(): Promise<void>;
  /** Runs only what is due now, without moving the clock (a test asserting what has not landed yet). */
  runDue(): Promise<void>;
  /**
   * Moves to just past the next five-minute maintenance run and settles: a change made then reaches
   * its trigger (Forge's delay is at most 3 minutes) before the next run's sweep could carry it.
   */
  afterMaintenance(): Promise<void>;
  /** Moves virtual time forward, firing retries and schedules on the way, then settles. */
  advance(ms: number): Promise<void>;
  /** The partner issue linked to `issue` on the other site, read from this side's panel. */
  partnerOf(from: SiteHandle, issue: IssueRef): Promise<IssueRef>;
  /** Creates an issue on `from` and returns it with its mirror on the partner, once settled. */
  createMirrored(from: SiteHandle, fields: Json): Promise<{ source: IssueRef; mirror: IssueRef }>;
  /** Saves a rule on a site (the demo rule, changed by `edit`). */
  saveRule(site: SiteHandle, edit?: (rule: ReturnType<typeof demoRule>) => unknown, comment?: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface MirrorOptions {
  /** Seed changes per site (e.g. a select field without one option). */
  seeds?: Partial<Record<SiteName, (seed: SiteSeed) => SiteSeed>>;
  /** Skip the demo connection (the connect flow tests do it by hand). */
  connect?: boolean;
  /** Forge time limits × this (wall-clock): lets a test make an invocation die. */
  limitsScale?: number;
  /** Forge's async-event limits and product-event delivery, when a test means to change them (sandbox/world.ts). */
  queue?: WorldOptions['queue'];
  productEvents?: WorldOptions['productEvents'];
}

export async function startMirror(options: MirrorOptions = {}): Promise<Mirror> {
  const clock = new SandboxClock({ mode: 'manual', start: T0 });
  const sites: WorldSiteOptions[] = (['acme', 'globex'] as const).map((name) => {
    const change = options.seeds?.[name];
    return { name, ...(change ? { seed: change(defaultSeed(name)) } : {}) };
  });
  const world = await SandboxWorld.start({
    appDir: appRoot, sites, clock, ...(options.limitsScale ? { limitsScale: options.limitsScale } : {}),
    ...(options.queue ? { queue: options.queue } : {}), ...(options.productEvents ? { productEvents: options.productEvents } : {}),
  });
  const acme = new SiteHandle(world, 'acme');
  const globex = new SiteHandle(world, 'globex');
  const settle = () => world.settle();
  let connectionId = '';
  if (options.connect !== false) {
    connectionId = (await connectDemo(world)).connectionId;
    await settle();
  }
  const mirror: Mirror = {
    world, clock, acme, globex, settle,
    runDue: () => world.idle(),
    async afterMaintenance() {
      const every = 5 * 60_000; // manifest: maintenance, fiveMinute (anchored at install, T0)
      await mirror.advance(Math.floor((clock.now() - T0) / every + 1) * every + T0 + 1_000 - clock.now());
    },
    get connectionId() {
      return connectionId;
    },
    set connectionId(v: string) {
      connectionId = v;
    },
    async advance(ms) {
      await clock.advance(ms);
      await settle();
    },
    async partnerOf(from, issue) {
      const view = await from.panelView(issue);
      const link = view.links.find((l) => l.connectionId === connectionId);
      assert.ok(link?.partner.issueKey && link.partner.issueId, `${from.name}: ${issue.key} has no linked partner issue yet (${JSON.stringify(view.links)})`);
      return { id: link.partner.issueId, key: link.partner.issueKey };
    },
    async createMirrored(from, fields) {
      const source = await from.createIssue(fields);
      await settle();
      return { source, mirror: await mirror.partnerOf(from, source) };
    },
    async saveRule(site, edit, comment = 'test rule') {
      const rule = demoRule(connectionId, site.project);
      const changed = edit ? (edit(rule) ?? rule) : rule;
      return site.admin('admin/rules/save', { rule: changed, comment });
    },
    close: () => world.close(),
  };
  return mirror;
}

/**
 * Sync traffic so far on both sites: outbox queue activity and sends to the partner. Health pings
 * of the five-minute maintenance are not sync traffic and are left out.
 */
export function traffic(m: Mirror): number {
  return [m.acme, m.globex].reduce((n, s) => n + sendStatuses(s).length + s.recorder.entries({ kind: 'queue', queue: 'liaison-outbox' }).length, 0);
}

/** How the partner's inbox answered acme's sends, in order (200, 503, …). */
/** The modules that deliver sync messages: the trigger (at once), the outbox consumer, deferred work. */
const SENDERS = new Set(['outbox-sender', 'issue-events', 'background-work']);

/** Statuses of every delivery to the partner: sent at once by the trigger, or later by the queue consumer. */
export function sendStatuses(from: SiteHandle): number[] {
  const senders = SENDERS;
  return from.recorder.entries({ kind: 'egress' }).filter((e) => senders.has(e.moduleKey)).map((e) => e.status);
}
