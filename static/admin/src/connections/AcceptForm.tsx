import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import type { Contact } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { useAction } from '../../../shared/use-resolver';
import { ContactsEditor } from './ContactsEditor';

export function AcceptForm({ onDone }: { onDone: () => Promise<void> }) {
  const [code, setCode] = useState('');
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [accepted, setAccepted] = useState(false);
  const action = useAction(onDone);

  const accept = async () => {
    const trimmed = code.trim();
    if (trimmed.length < 10) return setProblem('Paste the whole invitation code your partner sent you.');
    setProblem(null);
    const data = await action.run<unknown>('accept', 'admin/connections/accept', contacts.length ? { code: trimmed, contacts } : { code: trimmed });
    setAccepted(data !== null);
    if (data !== null) setCode('');
  };

  return (
    <section className="lz-card" aria-labelledby="accept-h">
      <Heading as="h3" size="small" id="accept-h">Accept an invitation</Heading>
      <div className="lz-field">
        <Label htmlFor="accept-code">Invitation code from your partner</Label>
        <TextArea
          id="accept-code"
          value={code}
          minimumRows={3}
          resize="vertical"
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'accept-code-error' : undefined}
          onChange={(e) => setCode(e.target.value)}
        />
        {problem && <div id="accept-code-error"><ErrorMessage>{problem}</ErrorMessage></div>}
      </div>
      <ContactsEditor idPrefix="accept" contacts={contacts} onChange={setContacts} />
      <div>
        <Button appearance="primary" isDisabled={action.busy !== null} onClick={() => void accept()}>
          {action.busy ? 'Connecting…' : 'Accept and connect'}
        </Button>
      </div>
      {action.error && <ResolverErrorMessage error={action.error} title="The invitation was not accepted" />}
      {accepted && (
        <SectionMessage appearance="success" title="Connected">
          <p role="status">The partner confirmed the connection. Now set up a sharing rule for a project.</p>
        </SectionMessage>
      )}
    </section>
  );
}
