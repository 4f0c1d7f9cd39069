// Atlassian's personal data reporting API through @forge/api (`privacy.reportPersonalData`, which
// sends 90 accounts a request). The SDK rejects with the HTTP response on anything but 200/204.
import { privacy } from '@forge/api';
import type { AccountStatus, ReportedAccount } from '../../core/privacy/personal-data';

export async function reportAccounts(accounts: ReportedAccount[]): Promise<AccountStatus[]> {
  try {
    return (await privacy.reportPersonalData(accounts)).map((a) => ({ accountId: a.accountId, status: a.status }));
  } catch (e) {
    if (e instanceof Error) throw e;
    const res = e as { status?: number; headers?: { get(name: string): string | null }; text?: () => Promise<string> };
    const retry = res.headers?.get('retry-after');
    const body = (await res.text?.().catch(() => '')) ?? '';
    throw new Error(`Atlassian's personal data reporting API answered ${res.status ?? 'an error'}${retry ? ` (retry after ${retry} s)` : ''}: ${body.slice(0, 300)}`);
  }
}
