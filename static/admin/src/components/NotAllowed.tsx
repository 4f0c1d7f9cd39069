// What someone sees who may not use a Liaison page: the reason and whom to ask, and nothing else
// (no controls that would only fail).
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import { router } from '@forge/bridge';
import { RouterLink } from '../../../shared/components/RouterLink';

/** Jira Cloud's own page listing the site's administrators, with a form to contact them. */
export const CONTACT_ADMINS_PATH = '/secure/ContactAdministrators!default.jspa';
const openContactAdmins = () => router.navigate(CONTACT_ADMINS_PATH).catch(() => undefined);

export function NotAllowed({ message, title = 'Liaison', children }: { message: string; title?: string; children?: ReactNode }) {
  return (
    <div className="lz-page">
      <Heading as="h1" size="large">{title}</Heading>
      <SectionMessage appearance="warning" title="You don't have access to this page">
        <p>{message.charAt(0).toUpperCase() + message.slice(1)}.</p>
        {children ?? (
          <p>
            Ask one of your site's Jira administrators:{' '}
            <RouterLink href={CONTACT_ADMINS_PATH} onOpen={openContactAdmins}>contact the Jira administrators</RouterLink>.
          </p>
        )}
      </SectionMessage>
    </div>
  );
}
