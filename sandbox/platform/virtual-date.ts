// Virtual time for manual-clock runs: `Date.now()` and `new Date()` follow the SandboxClock, so an
// app's own timestamps, back-off schedules and signature freshness windows move with advance() —
// a retry planned for "in 30 minutes" happens after advance(30 min), not after real minutes.
// Process-wide by nature (Date is a global); uninstall restores the real Date.
import type { SandboxClock } from './clock';

export function installVirtualDate(clock: SandboxClock): () => void {
  if (clock.mode !== 'manual') throw new Error('installVirtualDate needs a manual SandboxClock');
  const RealDate = globalThis.Date;
  function VirtualDate(this: unknown, ...args: unknown[]): unknown {
    // Called without `new`, Date returns the current time as a string.
    if (!new.target) return new RealDate(clock.now()).toString();
    return args.length === 0 ? new RealDate(clock.now()) : Reflect.construct(RealDate, args, new.target === VirtualDate ? RealDate : new.target);
  }
  VirtualDate.prototype = RealDate.prototype;
  Object.defineProperties(VirtualDate, {
    now: { value: () => clock.now(), writable: true, configurable: true },
    parse: { value: RealDate.parse, writable: true, configurable: true },
    UTC: { value: RealDate.UTC, writable: true, configurable: true },
  });
  globalThis.Date = VirtualDate as unknown as DateConstructor;
  return () => {
    if (globalThis.Date === (VirtualDate as unknown as DateConstructor)) globalThis.Date = RealDate;
  };
}
