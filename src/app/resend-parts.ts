// A partner that upgraded reads parts this side withheld from its old version
// (core/sync/resend-parts.ts): the re-send runs as background work, a page of pairs at a time
// (its consumer is resend-parts-work.ts).
import { randomUUID } from 'node:crypto';
import type { ResendPort } from '../core/sync/resend-parts';
import { pushWork } from './work-queue';

export const resendLater: ResendPort = {
  async start(connectionId, parts) {
    try {
      await pushWork({ kind: 'resend-parts', connectionId, parts, cursor: null, hop: 0, runId: randomUUID() });
    } catch (e) {
      // The parts still go with each issue's next change.
      console.warn(`liaison: could not queue sending ${parts.join(', ')} again on connection ${connectionId}: ${(e as Error).message}`);
    }
  },
};
