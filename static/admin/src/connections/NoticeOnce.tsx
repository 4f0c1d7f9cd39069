// The notice URL and secret, shown once right after connecting: the secret is never sent again.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import type { Notice } from '../logic/servicenow-form';

function CopyRow({ id, label, value }: { id: string; label: string; value: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setSaid('Copied.');
    } catch {
      setSaid('Copying is blocked here: select the text and copy it by hand.');
    }
  };
  return (
    <div className="lz-field">
      <Label htmlFor={id}>{label}</Label>
      <div className="lz-row">
        <div className="lz-grow">
          <Textfield id={id} value={value} isReadOnly />
        </div>
        <Button onClick={() => void copy()}>{`Copy ${label.replace(/^Notice /, "notice ")}`}</Button>
        {said && <span role="status">{said}</span>}
      </div>
    </div>
  );
}

export function NoticeOnce({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <SectionMessage appearance="success" title="Connected: copy these two values now">
      <p>
        They are shown only this once. In ServiceNow open <code>sys_properties.list</code> and store them as <code>liaison.notice.url</code> and{' '}
        <code>liaison.notice.secret</code> (read and write roles: admin), then add the “Liaison change notice” business rule as described in the ServiceNow install
        guide (docs/servicenow/INSTALL.md, steps 3 and 4).
      </p>
      <CopyRow id="sn-notice-url" label="Notice URL" value={notice.url} />
      <CopyRow id="sn-notice-secret" label="Notice secret" value={notice.secret} />
      <div>
        <Button appearance="primary" onClick={onDismiss}>I have stored both values</Button>
      </div>
    </SectionMessage>
  );
}
