// A seed's first project as a service desk: JSM's default SLAs (time to first response, time to
// resolution) and a few request types, named per site so partners have to map them.
import type { SiteSeed } from '../types';
import type { RequestTypeSeed, ServiceDeskSeed } from './model';

export const DEFAULT_SLAS: ServiceDeskSeed['slas'] = [
  { id: '1', name: 'Time to first response', goalMinutes: 4 * 60, stopsOn: 'first-response' },
  { id: '2', name: 'Time to resolution', goalMinutes: 24 * 60, stopsOn: 'resolution' },
];

export function withServiceDesk(seed: SiteSeed, requestTypes: string[] = ['Get IT help', 'Report a bug', 'Request new hardware']): SiteSeed {
  const [first, ...rest] = seed.projects;
  if (!first) throw new Error('withServiceDesk: the seed has no project');
  const types: RequestTypeSeed[] = requestTypes.map((name, i) => ({ id: String(i + 1), name }));
  return {
    ...seed,
    projects: [{ ...first, projectTypeKey: 'service_desk' }, ...rest],
    serviceDesks: [{ id: '1', projectKey: first.key, requestTypes: types, slas: DEFAULT_SLAS }],
  };
}
