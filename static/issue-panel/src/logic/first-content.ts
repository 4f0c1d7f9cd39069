// A performance mark when the panel first shows what it is about (the partner links, or why it
// cannot): the browser tests read it to report the panel's time to first content.
export const FIRST_CONTENT_MARK = 'liaison:first-content';

export function markFirstContent(): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(FIRST_CONTENT_MARK).length > 0) return;
  // After the browser painted the content React just committed, not before.
  requestAnimationFrame(() => setTimeout(() => {
    if (performance.getEntriesByName(FIRST_CONTENT_MARK).length === 0) performance.mark(FIRST_CONTENT_MARK);
  }, 0));
}
