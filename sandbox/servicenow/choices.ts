// Choice lists as an instance holds them: sys_choice rows per table, field, value and language. A user
// reads the labels of their own language (sys_user.preferred_language), English where a row is
// missing; an admin may rename a label by editing its row. A value that is no active choice of the
// field is dropped from a write (see field-input.ts).
import type { RequestScope } from './context';
import { tableDef, type FieldDef, type TableDef } from './schema';
import type { SnRecord } from './types';

/** German labels of the choices a service desk sees most (a German-speaking user's display values). */
const GERMAN: Record<string, Record<string, string>> = {
  'incident.state': { '1': 'Neu', '2': 'In Bearbeitung', '3': 'Zurückgestellt', '6': 'Gelöst', '7': 'Geschlossen', '8': 'Storniert' },
  'task.priority': { '1': '1 - Kritisch', '2': '2 - Hoch', '3': '3 - Mittel', '4': '4 - Niedrig', '5': '5 - Planung' },
  'task.impact': { '1': '1 - Hoch', '2': '2 - Mittel', '3': '3 - Niedrig' },
  'task.urgency': { '1': '1 - Hoch', '2': '2 - Mittel', '3': '3 - Niedrig' },
  'incident.close_code': { 'Solution provided': 'Lösung bereitgestellt', 'Workaround provided': 'Workaround bereitgestellt', 'Duplicate': 'Duplikat' },
};

const cache = new WeakMap<object, SnRecord[]>();

function rows(scope: RequestScope): SnRecord[] {
  const { store } = scope.instance;
  let all = cache.get(store);
  if (!all) {
    all = store.all('sys_choice');
    cache.set(store, all);
  }
  return all;
}

/** sys_choice changed (a write through the Table API or the seed): read it again next time. */
export function choicesChanged(scope: RequestScope): void {
  cache.delete(scope.instance.store);
}

/** One sys_choice row per choice and language, for every choice field of every table. */
export function choiceRowsFor(tables: readonly TableDef[]): SnRecord[] {
  const out: SnRecord[] = [];
  for (const table of tables) {
    for (const field of table.fields) {
      if (!field.choices) continue;
      const german = GERMAN[`${table.name}.${field.name}`] ?? GERMAN[`task.${field.name}`] ?? {};
      Object.entries(field.choices).forEach(([value, label], i) => {
        const common = { name: table.name, element: field.name, value, sequence: String(i * 100), inactive: 'false' };
        out.push({ ...common, label, language: 'en' });
        if (german[value]) out.push({ ...common, label: german[value], language: 'de' });
      });
    }
  }
  return out;
}

function active(scope: RequestScope, table: string, element: string): SnRecord[] {
  return rows(scope).filter((r) => r.name === table && r.element === element && r.inactive !== 'true');
}

/** The label the acting user reads for a stored value; the value itself when no row has it. */
export function choiceLabel(scope: RequestScope, table: TableDef, field: FieldDef, value: string): string {
  const list = active(scope, table.name, field.name).filter((r) => r.value === value);
  const language = scope.user.preferred_language || 'en';
  const row = list.find((r) => r.language === language) ?? list.find((r) => r.language === 'en');
  return row?.label ?? field.choices?.[value] ?? value;
}

/** Whether `value` is an active choice of the field (in any language: the value is the same). */
export function isChoice(scope: RequestScope, table: TableDef, field: FieldDef, value: string): boolean {
  const list = active(scope, table.name, field.name);
  return list.length > 0 ? list.some((r) => r.value === value) : Object.hasOwn(field.choices ?? {}, value);
}

/** The stored value for an English label or one in the acting user's language (sysparm_input_display_value). */
export function choiceByLabel(scope: RequestScope, table: TableDef, field: FieldDef, label: string): string | undefined {
  const language = scope.user.preferred_language || 'en';
  return active(scope, table.name, field.name).find((r) => r.label === label && (r.language === language || r.language === 'en'))?.value;
}

export const isChoiceTable = (name: string): boolean => tableDef(name)?.acl === 'choice';
