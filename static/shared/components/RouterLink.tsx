// A link that keeps its address (shown on hover, copyable, announced as a link) but is opened by
// Jira through the bridge's router, the only way out of a Custom UI iframe.
import type { MouseEvent, ReactNode } from 'react';

type Props = { href: string; onOpen: () => Promise<void>; children: ReactNode };

export function RouterLink({ href, onOpen, children }: Props) {
  const open = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    void onOpen();
  };
  return (
    <a className="lz-link" href={href} onClick={open}>
      {children}
    </a>
  );
}
