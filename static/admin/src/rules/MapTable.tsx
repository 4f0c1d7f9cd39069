// A two-column mapping table (partner value → our value; partner email → our account): one row per
// pair, each side a picker, rows added and removed with buttons. Rows live here while the admin
// fills them; the map reaches the rule once a row has both sides.
import { useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { rowsToMap, mapRows, type MapRow } from '../logic/rule-pickers';
import { controlId, problemsAt, type Problem } from '../logic/validation-errors';
import { formatRulePath, parseRulePath } from '../logic/rule-paths';
import { Messages } from './pickers';

export type CellProps = { id: string; label: string; value: string | null; onChange: (v: string | null) => void; invalid: boolean; describedBy?: string };

type Props = {
  path: string;
  label: string;
  headers: { from: string; to: string };
  map: Record<string, string> | undefined;
  problems: readonly Problem[];
  help?: ReactNode;
  /** An explanation shared with other tables, elsewhere on the page. */
  describedBy?: string;
  addLabel: string;
  renderFrom: (cell: CellProps) => ReactNode;
  renderTo: (cell: CellProps) => ReactNode;
  onChange: (map: Record<string, string>) => void;
  onLocalProblem: (path: string, messages: string[]) => void;
};

export function MapTable({ path, label, headers, map, problems, help, describedBy, addLabel, renderFrom, renderTo, onChange, onLocalProblem }: Props) {
  const [rows, setRows] = useState<MapRow[]>(() => mapRows(map));
  const id = controlId(path);
  const base = parseRulePath(path);
  const update = (next: MapRow[]) => {
    setRows(next);
    const parsed = rowsToMap(next, { from: headers.from.toLowerCase(), to: headers.to.toLowerCase() });
    onLocalProblem(path, parsed.problems);
    onChange(parsed.map);
  };
  const own = problemsAt(problems.filter((p) => p.path === path), path);
  return (
    <div className="lz-field" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
      <span className="lz-map-label" id={`${id}-label`}>{label}</span>
      {help && <div className="lz-muted">{help}</div>}
      {rows.length > 0 && (
        <table className="lz-map">
          <thead>
            <tr>
              <th scope="col">{headers.from}</th>
              <th scope="col">{headers.to}</th>
              <th scope="col"><span className="lz-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              // Problems the backend reports for this pair (`…status["Done"]`) sit in its row.
              const rowPath = row.from ? formatRulePath([...base, row.from]) : `${path}[${i}]`;
              const messages = row.from ? problemsAt(problems, rowPath) : [];
              const rowId = controlId(rowPath);
              const set = (side: 'from' | 'to') => (v: string | null) => update(rows.map((r, j) => (j === i ? { ...r, [side]: v ?? '' } : r)));
              const describedBy = messages.length ? `${rowId}-msg` : undefined;
              return (
                <tr key={i}>
                  <td>{renderFrom({ id: `${rowId}-from`, label: `${headers.from}, row ${i + 1}`, value: row.from || null, onChange: set('from'), invalid: false })}</td>
                  <td>
                    {renderTo({ id: rowId, label: `${headers.to} for ${row.from || `row ${i + 1}`}`, value: row.to || null, onChange: set('to'), invalid: messages.length > 0, ...(describedBy ? { describedBy } : {}) })}
                    {messages.length > 0 && <Messages id={rowId} messages={messages} />}
                  </td>
                  <td>
                    <Button spacing="compact" appearance="subtle" aria-label={`Remove ${row.from || `row ${i + 1}`}`} onClick={() => update(rows.filter((_r, j) => j !== i))}>
                      Remove
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="lz-row">
        <Button id={id} spacing="compact" onClick={() => setRows([...rows, { from: '', to: '' }])}>
          {addLabel}
        </Button>
      </div>
      <Messages id={`${id}-own`} messages={own} />
    </div>
  );
}
