// Where the rule editor's dropdowns get their values: this project's statuses, priorities and
// issue types (read by the backend from Jira), the partner's (its shared catalog, or the ServiceNow
// instance's choices), the projects a partner-created issue may land in, and Jira's people.
import type { PartnerCatalogView, RuleView } from '../../../../src/shared/resolver-contract';

export type Account = { accountId: string; displayName: string };
export type AccountSearch = (query: string) => Promise<Account[]>;

export type PickerData = {
  local: PartnerCatalogView;
  /** Null: the partner has not shared its values (yet); its side of a map is typed. */
  partner: PartnerCatalogView | null;
  /** How the editor names the partner (its organisation, or ServiceNow). */
  partnerName: string;
  /** Said under a value map whose partner side must be typed. */
  missingPartnerValues: string;
  projects: Array<{ key: string; name: string }>;
  names: ReadonlyMap<string, string>;
  /** Null where this page may not list Jira's users: account ids are typed. */
  search: AccountSearch | null;
  rememberName: (account: Account) => void;
};

type PartnerOf = { partnerKind: 'jira' | 'servicenow'; partner?: { name: string | null } | null };

const EMPTY: PartnerCatalogView = { statuses: [], priorities: [], issueTypes: [] };

/** The partner's name for the editor's words: what it told us, else a plain "the partner". */
export function partnerNameOf(connection: PartnerOf | undefined): string {
  if (connection?.partnerKind === 'servicenow') return 'ServiceNow';
  return connection?.partner?.name?.trim() || 'Partner';
}

export function pickerData(view: Pick<RuleView, 'choices'>, connection: PartnerOf | undefined, extra: Pick<PickerData, 'projects' | 'names' | 'search' | 'rememberName'>): PickerData {
  const partnerName = partnerNameOf(connection);
  const partner = view.choices?.partner ?? null;
  const missingPartnerValues =
    connection?.partnerKind === 'servicenow'
      ? "The instance's choices could not be read: type the values as ServiceNow labels them."
      : `${partnerName === 'Partner' ? 'The partner' : partnerName} hasn't shared its values yet: type them as ${partnerName === 'Partner' ? 'the partner names' : `${partnerName} names`} them.`;
  return { local: view.choices?.local ?? EMPTY, partner, partnerName, missingPartnerValues, ...extra };
}
