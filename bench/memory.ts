// Memory figures: peak RSS / heap sampled on a timer, heap after a forced GC, and the kernel's
// own peak RSS of the process. `global.gc` needs --expose-gc; the flag can also be set at run time.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;
export const toMb = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;

let gcFn: (() => void) | null | undefined;

/** A full GC, when the runtime allows one (true if it ran). */
export function forceGc(): boolean {
  if (gcFn === undefined) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) gcFn = g;
    else {
      try {
        setFlagsFromString('--expose-gc');
        gcFn = runInNewContext('gc') as () => void;
      } catch {
        gcFn = null;
      }
    }
  }
  if (!gcFn) return false;
  gcFn();
  gcFn();
  return true;
}

/** Heap used after a full GC (MB), or null without GC. */
export function heapAfterGcMb(): number | null {
  return forceGc() ? toMb(process.memoryUsage().heapUsed) : null;
}

/** Peak RSS of this process so far, as the kernel counts it (MB). */
export function maxRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

export type MemoryPeaks = {
  samples: number;
  peakRssMb: number;
  /** Highest heapUsed seen, garbage included: rises with allocation rate, not only with live data. */
  peakHeapUsedMb: number;
  /** Highest heapUsed right after a forced full GC (live data only); null without GC sampling. */
  peakLiveHeapMb: number | null;
  gcSamples: number;
  startRssMb: number;
  startHeapUsedMb: number;
};

export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private samples = 0;
  private peakRss = 0;
  private peakHeap = 0;
  private peakLive: number | null = null;
  private gcSamples = 0;
  private lastGc = Date.now();
  private readonly startRss: number;
  private readonly startHeap: number;

  /** `gcEveryMs`: also force a full GC that often and record the live heap (costs ~tens of ms each). */
  constructor(
    private readonly everyMs = 20,
    private readonly gcEveryMs = 0,
  ) {
    const m = process.memoryUsage();
    this.startRss = m.rss;
    this.startHeap = m.heapUsed;
    this.sample();
  }

  start(): this {
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  stop(): MemoryPeaks {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return {
      samples: this.samples,
      peakRssMb: toMb(this.peakRss),
      peakHeapUsedMb: toMb(this.peakHeap),
      peakLiveHeapMb: this.peakLive === null ? null : toMb(this.peakLive),
      gcSamples: this.gcSamples,
      startRssMb: toMb(this.startRss),
      startHeapUsedMb: toMb(this.startHeap),
    };
  }

  private sample(): void {
    const m = process.memoryUsage();
    this.samples++;
    if (m.rss > this.peakRss) this.peakRss = m.rss;
    if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
    if (this.gcEveryMs > 0 && Date.now() - this.lastGc >= this.gcEveryMs && forceGc()) {
      this.lastGc = Date.now();
      this.gcSamples++;
      const live = process.memoryUsage().heapUsed;
      if (this.peakLive === null || live > this.peakLive) this.peakLive = live;
    }
  }
}
