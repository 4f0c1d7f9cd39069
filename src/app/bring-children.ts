// A rule's bringChildren as background work (core/sync/bring-children.ts says what it does): one
// work event per parent, pushed at the parent's first acknowledgement; its consumer is
// bring-children-work.ts.
import type { BringPort } from '../core/sync/bring-children';
import { pushWork } from './work-queue';

export const bringLater: BringPort = {
  async children({ connectionId: conn, projectKey, issueId }) {
    try {
      await pushWork({ kind: 'bring-children', connectionId: conn, projectKey, issueId });
    } catch (e) {
      // The parent is mirrored already; its children can still be started from their panels.
      console.warn(`liaison: could not queue bringing the children of issue ${issueId}: ${(e as Error).message}`);
    }
  },
};
