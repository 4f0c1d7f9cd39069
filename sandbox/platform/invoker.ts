// Runs app functions the way Forge does: inside their own invocation context, under their module
// type's time limit (wall-clock, scaled by `limitsScale` for tests), recorded as ok, failed or timeout.
import { invocationStorage } from './runtime-globals';
import { Invocation, type InvocationHost, type InvocationSpec } from './invocation';
import type { Recorder } from './recorder';
import type { InvocationKind, InvocationOutcome } from './types';

/** Forge's documented runtime limits in seconds (invocation limits page). */
export const DEFAULT_LIMIT_SECONDS: Record<InvocationKind, number> = {
  resolver: 25,
  trigger: 25,
  webtrigger: 55,
  consumer: 55, // default when the function has no timeoutSeconds; up to 900 with it
  scheduledTrigger: 55, // likewise
};

export type InvocationResult =
  | { outcome: 'ok'; value: unknown; invocation: Invocation }
  | { outcome: 'failed'; error: unknown; invocation: Invocation }
  | { outcome: 'timeout'; invocation: Invocation };

/** Counts work in flight across the platform so idle() knows when nothing is running. */
export class WorkTracker {
  private n = 0;
  get busy(): boolean {
    return this.n > 0;
  }
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.n++;
    try {
      return await work();
    } finally {
      this.n--;
    }
  }
}

export interface InvokerDeps { host: InvocationHost; recorder: Recorder; tracker: WorkTracker; limitsScale: number }

const describe = (e: unknown) => (e instanceof Error ? e.message : JSON.stringify(e) ?? String(e));

export function limitMs(deps: InvokerDeps, kind: InvocationKind, functionKey: string): number {
  const declared = kind === 'consumer' || kind === 'scheduledTrigger' ? deps.host.app.functions.get(functionKey)?.timeoutSeconds : undefined;
  return (declared ?? DEFAULT_LIMIT_SECONDS[kind]) * 1000 * deps.limitsScale;
}

/** Invokes `call(handler)` for `spec`'s function and waits for it, or for its time limit. */
export function invoke(
  deps: InvokerDeps,
  spec: Omit<InvocationSpec, 'timeoutMs'>,
  call: (handler: (...args: unknown[]) => unknown, inv: Invocation) => unknown,
): Promise<InvocationResult> {
  return deps.tracker.track(async () => {
    const inv = new Invocation(deps.host, { ...spec, timeoutMs: limitMs(deps, spec.moduleType, spec.functionKey) });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), inv.deadline - Date.now())));
    const work = invocationStorage.run(inv, async () => {
      const handler = await deps.host.app.loadHandler(spec.functionKey);
      return call(handler, inv);
    });
    const settled = work.then(
      (value) => ({ outcome: 'ok' as const, value }),
      (error: unknown) => ({ outcome: 'failed' as const, error }),
    );
    const first = await Promise.race([settled, timedOut]);
    clearTimeout(timer);
    const seconds = Number(((inv.deadline - inv.startedAt) / 1000).toFixed(3));
    let result: InvocationResult;
    if (first === 'timeout') {
      inv.kill(`it exceeded its ${seconds}s time limit`);
      settled.catch(() => undefined);
      result = { outcome: 'timeout', invocation: inv };
    } else {
      result = first.outcome === 'ok' ? { ...first, invocation: inv } : { ...first, invocation: inv };
    }
    const outcome: InvocationOutcome = result.outcome;
    deps.recorder.add({
      kind: 'invocation',
      moduleKey: spec.moduleKey,
      moduleType: spec.moduleType,
      outcome,
      durationMs: Date.now() - inv.startedAt,
      ...(result.outcome === 'failed' ? { error: describe(result.error) } : result.outcome === 'timeout' ? { error: `time limit of ${seconds}s exceeded` } : {}),
    });
    inv.end();
    return result;
  });
}
