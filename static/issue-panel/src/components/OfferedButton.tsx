// An action the panel offers, enabled, or disabled with its reason beside it (a disabled button
// alone says nothing about why; the reason is linked to it for screen readers too).
import { useId, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import type { Offered } from '../logic/panel-states';

type Props = { offered: NonNullable<Offered>; busy: boolean; appearance?: 'primary' | 'default' | 'subtle'; type?: 'button' | 'submit'; onClick?: () => void; children: ReactNode };

export function OfferedButton({ offered, busy, appearance = 'default', type = 'button', onClick, children }: Props) {
  const reasonId = useId();
  const reason = offered.disabledReason;
  return (
    <>
      <Button appearance={appearance} type={type} isDisabled={busy || reason !== null} aria-describedby={reason ? reasonId : undefined} onClick={onClick}>
        {children}
      </Button>
      {reason && (
        <span id={reasonId} className="lz-muted">
          {reason}
        </span>
      )}
    </>
  );
}
