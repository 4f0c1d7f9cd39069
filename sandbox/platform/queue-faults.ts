// What Forge's async-event delivery does that the app does not ask for: an event delivered more than
// once ("guaranteed to be delivered at least once"), and attempts lost to platform-level errors
// ("internal server errors, internal platform rate limiting"), which Forge retries without counting
// them and for which it extends the retention window by up to 72 hours. Seeded, so a run repeats.
// Sources: Async events API, "Delivery guarantees" and "Retries" (sandbox/platform/README.md).
import { seededRandom } from '../seeded-random';

export interface DeliveryFaultOptions {
  /** Share (0–1) of deliveries Forge delivers again although they were handled: "at least once". */
  duplicateRate: number;
  /** Latest (ms) a copy that follows its original arrives after the original returned; 0: at once. */
  duplicateDelayMaxMs: number;
  /**
   * Share (0–1) of the copies that run alongside their original (at the same moment) instead of
   * following it. The docs give no timing for a second delivery.
   */
  duplicateAlongsideShare: number;
  /** Share (0–1) of delivery attempts lost to a platform-level error before the consumer runs. */
  platformErrorRate: number;
  /** "Retention window can be extended by another 72 hours" (platform trouble only). */
  retentionExtensionMs: number;
  /** Seed of the draws. */
  seed: number;
}

/** The platform-level retry reasons Forge documents (Atlassian app events, "Retry for platform level errors"). */
export const PLATFORM_ERROR_REASONS = ['FUNCTION_PLATFORM_UNKNOWN_ERROR', 'FUNCTION_PLATFORM_RATE_LIMITED'] as const;
export type PlatformErrorReason = (typeof PLATFORM_ERROR_REASONS)[number];

/** One attempt's fate: a copy (alongside or after, and after how long) and a platform error before it runs. */
export interface AttemptDraw {
  copy: null | { alongside: boolean; delayMs: number };
  platformError: PlatformErrorReason | null;
}

export class DeliveryFaults {
  private readonly random: () => number;

  constructor(private readonly options: DeliveryFaultOptions) {
    this.random = seededRandom(options.seed);
  }

  /** Four draws per attempt whatever the settings, so one setting never shifts another's sequence. */
  draw(): AttemptDraw {
    const [dup, side, delay, platform] = [this.random(), this.random(), this.random(), this.random()] as [number, number, number, number];
    const { duplicateRate, duplicateDelayMaxMs, platformErrorRate } = this.options;
    return {
      copy: dup < duplicateRate ? { alongside: side < this.options.duplicateAlongsideShare, delayMs: Math.floor(delay * (duplicateDelayMaxMs + 1)) } : null,
      platformError: platform < platformErrorRate ? PLATFORM_ERROR_REASONS[side < 0.5 ? 0 : 1] : null,
    };
  }
}
