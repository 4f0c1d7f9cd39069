import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import TextArea from '@atlaskit/textarea';
import type { Contact } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { formatDateTime } from '../../../shared/logic/format';
import { useAction } from '../../../shared/use-resolver';
import { invitationFrom } from '../logic/invitation';
import { ContactsEditor } from './ContactsEditor';

export function InviteForm({ onDone }: { onDone: () => Promise<void> }) {
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [invite, setInvite] = useState<{ code: string; expiresAt: number | null } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const action = useAction(onDone);

  const create = async () => {
    const data = await action.run<unknown>('invite', 'admin/connections/invite', contacts.length ? { contacts } : {});
    setInvite(data === null ? null : invitationFrom(data));
    setCopied(null);
  };

  const copy = async () => {
    if (!invite) return;
    try {
      await navigator.clipboard.writeText(invite.code);
      setCopied('Copied. Send the code to your partner over a channel you trust.');
    } catch {
      setCopied('Copying is blocked here: select the code and copy it by hand.');
    }
  };

  return (
    <section className="lz-card" aria-labelledby="invite-h">
      <Heading as="h3" size="small" id="invite-h">Invite a partner</Heading>
      <p className="lz-muted">Creates a one-time code. Your partner pastes it into Liaison on their site.</p>
      <ContactsEditor idPrefix="invite" contacts={contacts} onChange={setContacts} />
      <div>
        <Button appearance="primary" isDisabled={action.busy !== null} onClick={() => void create()}>
          {action.busy ? 'Creating…' : 'Create invitation code'}
        </Button>
      </div>
      {action.error && <ResolverErrorMessage error={action.error} />}
      {invite && (
        <div className="lz-field">
          <Label htmlFor="invite-code">Invitation code{invite.expiresAt ? ` (valid until ${formatDateTime(invite.expiresAt)})` : ''}</Label>
          <TextArea id="invite-code" value={invite.code} isReadOnly minimumRows={3} resize="vertical" />
          <div className="lz-row">
            <Button onClick={() => void copy()}>Copy code</Button>
            {copied && <span role="status">{copied}</span>}
          </div>
        </div>
      )}
    </section>
  );
}
