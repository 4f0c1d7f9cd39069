// A connection row's less frequent actions behind one "More" button (a disclosure: the list opens
// under the button, Escape or a choice closes it and gives focus back to the button).
import { useEffect, useId, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';

export type MenuItem = { label: string; onSelect: () => void; danger?: boolean; disabled?: boolean };

export function RowMenu({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const id = `row-menu-${useId().replace(/:/g, '')}`;
  const root = useRef<HTMLDivElement>(null);
  const close = () => {
    setOpen(false);
    root.current?.querySelector<HTMLButtonElement>('button')?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  return (
    <div className="lz-menu" ref={root} onKeyDown={(e) => e.key === 'Escape' && open && close()}>
      <Button spacing="compact" appearance="subtle" aria-label={label} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        More
      </Button>
      {open && (
        <ul id={id} className="lz-menu-list" aria-label={label}>
          {items.map((item) => (
            <li key={item.label}>
              <Button
                spacing="compact"
                appearance={item.danger ? 'danger' : 'subtle'}
                isDisabled={item.disabled}
                onClick={() => {
                  close();
                  item.onSelect();
                }}
              >
                {item.label}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
