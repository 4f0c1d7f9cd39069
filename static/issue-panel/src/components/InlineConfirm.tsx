// A confirmation inside the card that asked for it. A modal in a Custom UI panel can only cover the
// panel's own iframe, so in Jira's issue column it filled the column and hid the issue it was about;
// inline, the agent still sees what they confirm. Focus moves to the question and back on cancel.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';

type Props = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

export function InlineConfirm({ title, children, confirmLabel, danger, confirmDisabled, onConfirm, onCancel }: Props) {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div
      className="lz-confirm"
      role="group"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3 id={titleId} ref={heading} tabIndex={-1} className="lz-confirm-title">
        {title}
      </h3>
      {children}
      <div className="lz-row">
        <Button appearance={danger ? 'danger' : 'primary'} isDisabled={confirmDisabled} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
