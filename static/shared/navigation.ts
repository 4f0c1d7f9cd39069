// Links out of a Custom UI go through @forge/bridge's `router`: Jira runs the app in an iframe that
// may not open windows or move the page ("Popups from embedded iframes are blocked by default",
// manifest reference), so an `<a target="_blank">` does nothing on a real site. Jira asks the user
// before it opens a link that leaves the product; declining rejects, which is not an error here.
import { router, view } from '@forge/bridge';

/** The admin page's module key in manifest.yml (jira:adminPage). */
export const ADMIN_PAGE_MODULE = 'admin-page';

/** Opens a partner issue, a ServiceNow record or any https page in a new tab. */
export const openInNewTab = (url: string): Promise<void> => router.open(url).catch(() => undefined);

/** Moves this tab to Liaison's admin page. */
export const goToAdminPage = (): Promise<void> => router.navigate({ target: 'module', moduleKey: ADMIN_PAGE_MODULE }).catch(() => undefined);

/** Jira's light or dark theme for this UI (without it the UI stays light in a dark Jira). */
export const enableJiraTheme = (): Promise<void> => view.theme.enable().catch(() => undefined);
