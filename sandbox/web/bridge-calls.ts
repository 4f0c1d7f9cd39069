// The sandbox server's half of the Custom UI bridge: the calls the iframe cannot answer itself
// (context, resolver invocations, product REST, URLs), answered for one signed-in person and one
// module instance, with the extension context Jira gives that module type.
import type { WorldSite } from '../world';
import type { UiModule } from './ui-modules';
import type { ColorMode } from './theme';

export interface Frame {
  site: WorldSite;
  module: UiModule;
  accountId: string;
  /** Module-specific part of `context.extension` (issue, project), without `type`. */
  extension: Record<string, unknown>;
  /** Where the sandbox pages live, to build `router` URLs. */
  origin: string;
  /** The host page's colour mode (`?theme=dark`), in the context and for `view.theme.enable()`. */
  colorMode?: ColorMode;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function frameContext(frame: Frame): Record<string, unknown> {
  const { site, module } = frame;
  return {
    accountId: frame.accountId,
    cloudId: site.installation.cloudId,
    siteUrl: site.installation.siteUrl,
    moduleKey: module.key,
    localId: `${module.key}-${site.name}`,
    environmentId: site.installation.environmentId,
    environmentType: 'DEVELOPMENT',
    locale: 'en-US',
    timezone: 'UTC',
    theme: { colorMode: frame.colorMode ?? 'light' },
    extension: { type: module.type, ...frame.extension },
  };
}

async function fetchProduct(frame: Frame, payload: unknown): Promise<unknown> {
  if (!isObj(payload) || payload.product !== 'jira' || typeof payload.restPath !== 'string') throw new Error('fetchProduct: only requestJira(restPath, init) is emulated');
  const init = isObj(payload.fetchRequestInit) ? payload.fetchRequestInit : {};
  const headers = Object.fromEntries(Array.isArray(init.headers) ? (init.headers as Array<[string, string]>) : []);
  const res = await frame.site.jira.request({
    method: typeof init.method === 'string' ? init.method : 'GET',
    path: payload.restPath,
    headers,
    ...(typeof init.body === 'string' ? { body: init.body } : {}),
    actor: { accountId: frame.accountId },
  });
  return { body: res.body, headers: res.headers, status: res.status, statusText: String(res.status), isAttachment: false };
}

function urlFor(frame: Frame, location: unknown): string {
  const base = `${frame.origin}/${frame.site.name}`;
  const as = `?as=${encodeURIComponent(frame.accountId)}`;
  if (!isObj(location) || typeof location.target !== 'string') throw new Error('getUrl: a location with a target is required');
  if (location.target === 'issue' && typeof location.issueKey === 'string') return `${base}/browse/${encodeURIComponent(location.issueKey)}${as}`;
  if (location.target === 'projectSettingsDetails' && typeof location.projectKey === 'string') return `${base}/project/${encodeURIComponent(location.projectKey)}/settings${as}`;
  if (location.target === 'module' || location.target === 'adminPage') return `${base}/admin${as}`;
  throw new Error(`getUrl: target "${location.target}" is not emulated by the sandbox`);
}

/**
 * `router.navigate` / `router.open` (@forge/bridge sends `navigate` with `type` same-tab or new-tab
 * and a URL or a NavigationLocation): where it goes, and whether it leaves the product, in which
 * case Forge asks the user first (router reference: relative URLs starting with / are not prompted).
 */
function navigationTarget(frame: Frame, payload: unknown): { url: string; type: 'same-tab' | 'new-tab'; external: boolean } {
  if (!isObj(payload) || (payload.type !== 'same-tab' && payload.type !== 'new-tab')) throw new Error('navigate: type must be same-tab or new-tab');
  const type = payload.type;
  if (typeof payload.url !== 'string') return { url: urlFor(frame, payload), type, external: false };
  if (payload.url.startsWith('/') && !payload.url.startsWith('//')) return { url: `${frame.origin}/${frame.site.name}${payload.url}`, type, external: false };
  let url: URL;
  try {
    url = new URL(payload.url);
  } catch {
    throw new Error(`navigate: "${payload.url}" is neither a URL nor a path starting with /`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`navigate: ${url.protocol} URLs cannot be opened`);
  return { url: url.href, type, external: url.origin !== frame.origin };
}

const FLAG_TYPES = ['info', 'success', 'warning', 'error'];

/**
 * `showFlag` options as the bridge reference lists them (`id` required; `type` and `appearance`
 * one of info, success, warning, error; `isAutoDismiss` closes it after 8 seconds). Actions carry
 * functions, which do not cross to the host: their texts are kept.
 */
function flagOptions(payload: unknown): Record<string, unknown> {
  if (!isObj(payload) || (typeof payload.id !== 'string' && typeof payload.id !== 'number') || payload.id === '') throw new Error('showFlag: "id" must be defined in flag options');
  for (const key of ['type', 'appearance'] as const) {
    if (payload[key] !== undefined && !FLAG_TYPES.includes(payload[key] as string)) throw new Error(`showFlag: ${key} must be one of ${FLAG_TYPES.join(', ')}`);
  }
  for (const key of ['title', 'description'] as const) {
    if (payload[key] !== undefined && typeof payload[key] !== 'string') throw new Error(`showFlag: ${key} must be a string`);
  }
  const actions = Array.isArray(payload.actions) ? payload.actions.filter(isObj).map((a) => String(a.text ?? '')) : [];
  return { id: String(payload.id), title: payload.title ?? '', description: payload.description ?? '', type: payload.appearance ?? payload.type ?? 'info', actions, isAutoDismiss: payload.isAutoDismiss === true };
}

/** Answers one `callBridge(name, payload)` that reached the server. */
export async function answerBridgeCall(frame: Frame, name: string, payload: unknown): Promise<unknown> {
  switch (name) {
    case 'getContext':
      return frameContext(frame);
    case 'invoke': {
      if (!isObj(payload) || typeof payload.functionKey !== 'string') throw new Error('invoke: functionKey must be a string');
      return frame.site.installation.invokeResolver(frame.module.key, payload.functionKey, payload.payload ?? {}, {
        accountId: frame.accountId,
        extensionContext: frame.extension,
        localId: `${frame.module.key}-${frame.site.name}`,
      });
    }
    case 'fetchProduct':
      return fetchProduct(frame, payload);
    case 'getUrl':
      return urlFor(frame, payload);
    case 'navigate':
      return navigationTarget(frame, payload);
    case 'showFlag':
      return flagOptions(payload);
    case 'closeFlag':
      if (!isObj(payload) || (typeof payload.id !== 'string' && typeof payload.id !== 'number')) throw new Error('closeFlag: "id" is required');
      return { id: String(payload.id) };
    default:
      throw new Error(`The sandbox bridge does not emulate "${name}".`);
  }
}
