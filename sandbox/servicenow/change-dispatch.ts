// Hands record changes to listeners and the business rule after the causing response exists, applying the
// duplicate and reorder fault knobs to business-rule notices. A failing listener or post is reported and
// counted, never thrown: on ServiceNow an async business rule failing does not undo the write.
import { noticeFor, noticeHeaders, fetchPoster, type BusinessRuleConfig } from './business-rule';
import type { SiteFaults } from '../jira/faults';
import type { RecordChange, RecordChangeListener } from './types';

export interface NoticeLog {
  sent: number;
  failed: number;
  lastError?: string;
}

export class ChangeDispatch {
  private readonly listeners = new Set<RecordChangeListener>();
  private rule: BusinessRuleConfig | undefined;
  private held: string[] = [];
  private pending = 0;
  /** Deliveries run one after another, so notices leave in the order the writes happened. */
  private chain: Promise<void> = Promise.resolve();
  private idle: (() => void)[] = [];
  readonly notices: NoticeLog = { sent: 0, failed: 0 };

  constructor(
    private readonly faults: SiteFaults,
    private readonly now: () => number,
  ) {}

  subscribe(listener: RecordChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enableRule(config: BusinessRuleConfig): void {
    if (!config.url || !config.secret) throw new Error('enableBusinessRule: url and secret are required');
    this.rule = config;
  }

  disableRule(): void {
    this.rule = undefined;
  }

  publish(changes: RecordChange[]): void {
    if (changes.length === 0) return;
    this.track(async () => {
      await new Promise((r) => setImmediate(r));
      for (const c of changes) this.tell(c);
      const rule = this.rule;
      if (!rule) return;
      for (const c of changes) {
        const body = noticeFor(rule, c);
        if (body !== undefined) await this.route(rule, body);
      }
    });
  }

  /** Resolves once every change so far has been told to listeners and every notice posted (held ones excepted). */
  settled(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((r) => this.idle.push(r));
  }

  /** Posts the notices the reorder fault is holding back, newest first. */
  async flushHeld(): Promise<void> {
    const rule = this.rule;
    const batch = this.held.splice(0).reverse();
    if (!rule) return;
    if (batch.length > 1) this.faults.counts.reorderedBatches++;
    for (const body of batch) await this.post(rule, body);
  }

  private track(work: () => Promise<void>): void {
    this.pending++;
    this.chain = this.chain.then(work).finally(() => {
      this.pending--;
      if (this.pending === 0) this.idle.splice(0).forEach((w) => w());
    });
  }

  private tell(change: RecordChange): void {
    for (const l of [...this.listeners]) {
      try {
        l(structuredClone(change));
      } catch (err) {
        console.error('[servicenow] record change listener failed:', err);
      }
    }
  }

  private async route(rule: BusinessRuleConfig, body: string): Promise<void> {
    const k = this.faults.reorderWindow;
    if (k > 1) {
      this.held.push(body);
      if (this.held.length >= k) await this.flushHeld();
      return;
    }
    await this.post(rule, body);
  }

  private async post(rule: BusinessRuleConfig, body: string): Promise<void> {
    const copies = this.faults.shouldDuplicate() ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      try {
        const result = await (rule.post ?? fetchPoster)(rule.url, body, noticeHeaders(rule.secret, body, this.now()));
        const status = (result as { status?: unknown } | undefined)?.status;
        if (typeof status === 'number' && status >= 400) throw new Error(`web trigger answered ${status}`);
        this.notices.sent++;
      } catch (err) {
        this.notices.failed++;
        this.notices.lastError = (err as Error).message;
        console.error('[servicenow] business-rule notice failed:', (err as Error).message);
      }
    }
  }
}
