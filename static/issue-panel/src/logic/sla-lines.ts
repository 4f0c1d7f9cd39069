// The partner's SLAs as the panel says them: a running clock counts down to its breach time on this
// page's clock; a paused or completed one says how it stands as the partner last read it. One the
// resolver found past its breach time (`projected`: no issue event tells of a breach) says so, and
// as of when the partner last read it.
import type { PanelLinkView } from '../../../../src/shared/resolver-contract';
import { formatWhen } from '../../../shared/logic/format';

export type SlaLine = { name: string; status: string; goal: string; tone: 'success' | 'removed' | 'inprogress' | 'default' };

export function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m || (!d && !h) ? `${m}m` : ''].filter(Boolean);
  return parts.join(' ');
}

export function slaLines(sla: NonNullable<PanelLinkView['partnerSla']>, now: number): SlaLine[] {
  return sla.map((s) => {
    const goal = `goal ${duration(s.goalMs)}`;
    if (s.state === 'met') return { name: s.name, status: 'Met', goal, tone: 'success' };
    if (s.state === 'breached' && s.projected && s.breachAt !== null) return { name: s.name, status: `Breached ${duration(now - s.breachAt)} ago (its breach time passed; as of ${formatWhen(s.readAt, now)})`, goal, tone: 'removed' };
    if (s.state === 'breached') return { name: s.name, status: `Breached by ${duration(-s.remainingMs)}`, goal, tone: 'removed' };
    if (s.state === 'paused') return { name: s.name, status: s.remainingMs >= 0 ? `Paused, ${duration(s.remainingMs)} left` : `Paused, breached by ${duration(-s.remainingMs)}`, goal, tone: 'default' };
    const left = (s.breachAt ?? s.readAt + s.remainingMs) - now;
    return left >= 0 ? { name: s.name, status: `${duration(left)} left`, goal, tone: 'inprogress' } : { name: s.name, status: `Breached ${duration(-left)} ago`, goal, tone: 'removed' };
  });
}
