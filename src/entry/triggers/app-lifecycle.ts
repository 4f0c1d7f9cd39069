// Forge life-cycle trigger: avi:forge:installed:app (first install) and avi:forge:upgraded:app
// (a new major version). Either way the app starts afresh on the site: wake the outbox and sweep
// (app/app-start.ts). Minor deploys send no event; the five-minute maintenance covers them.
import { z } from 'zod';
import { onAppStarted } from '../../app/app-start';

const eventSchema = z.looseObject({ eventType: z.enum(['avi:forge:installed:app', 'avi:forge:upgraded:app']).optional() });

export async function onAppLifecycle(event: unknown): Promise<void> {
  const parsed = eventSchema.safeParse(event);
  const kind = parsed.success ? (parsed.data.eventType ?? 'life-cycle event') : 'life-cycle event';
  const { sent, sweeps } = await onAppStarted();
  console.info(`liaison: ${kind}: sent ${sent} waiting message(s), sweeping ${sweeps.length} shared project(s)`);
}
