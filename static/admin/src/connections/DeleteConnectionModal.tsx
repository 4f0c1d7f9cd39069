// Deleting a connection is for good: the admin reads how many linked issues stop syncing and types
// the partner's name before the button works.
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import Textfield from '@atlaskit/textfield';
import type { ConnectionView, LinkedCountView } from '../../../../src/shared/resolver-contract';
import { callResolver } from '../../../shared/bridge';
import { deleteConsequence } from '../logic/connection-text';
import { deleteWord, linkedText, partnerLabel } from '../logic/connection-rows';

type Props = { connection: ConnectionView | null; onCancel: () => void; onConfirm: (c: ConnectionView) => void };

export function DeleteConnectionModal({ connection: c, onCancel, onConfirm }: Props) {
  const [typed, setTyped] = useState('');
  const [count, setCount] = useState<LinkedCountView | null>(null);
  const [countFailed, setCountFailed] = useState(false);
  useEffect(() => {
    setTyped('');
    setCount(null);
    setCountFailed(false);
    if (!c) return;
    void callResolver<LinkedCountView>('admin/connections/linked-count', { connectionId: c.id }).then((r) => (r.ok ? setCount(r.data) : setCountFailed(true)));
  }, [c]);
  const word = c ? deleteWord(c) : '';
  const matches = typed.trim().toLowerCase() === word.toLowerCase();
  return (
    <ModalTransition>
      {c && (
        <Modal onClose={onCancel} width="medium">
          <ModalHeader>
            <ModalTitle appearance="danger">Delete the connection with {partnerLabel(c)}?</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <p>{deleteConsequence(c)}</p>
            <p role="status"><strong>{countFailed ? 'The number of linked issues could not be read.' : linkedText(count)}</strong></p>
            <div className="lz-field">
              <Label htmlFor="delete-confirm-name">Type {word} to confirm</Label>
              <Textfield id="delete-confirm-name" value={typed} autoComplete="off" onChange={(e) => setTyped((e.target as HTMLInputElement).value)} />
            </div>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onCancel}>Cancel</Button>
            <Button appearance="danger" isDisabled={!matches} onClick={() => onConfirm(c)}>Delete connection</Button>
          </ModalFooter>
        </Modal>
      )}
    </ModalTransition>
  );
}
