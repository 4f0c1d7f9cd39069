import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import type { AuditPage } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { formatDateTime } from '../../../shared/logic/format';
import { useResolver } from '../../../shared/use-resolver';
import { firstPage, nextPage, pageNumber, previousPage } from '../logic/lists';

const PAGE_SIZE = 25;

export function AuditPanel({ connectionId }: { connectionId: string }) {
  const [pager, setPager] = useState(firstPage);
  const page = useResolver<AuditPage>('admin/audit/list', pager.current ? { connectionId, cursor: pager.current, limit: PAGE_SIZE } : { connectionId, limit: PAGE_SIZE });
  const next = page.data?.cursor ?? null;
  return (
    <section className="lz-page" aria-labelledby="audit-h">
      <Heading as="h2" size="medium" id="audit-h">Audit log</Heading>
      {page.error && <ResolverErrorMessage error={page.error} />}
      <DynamicTable
        caption={`Page ${pageNumber(pager)}, newest first`}
        isLoading={page.loading}
        head={{ cells: [{ key: 'at', content: 'When' }, { key: 'actor', content: 'Who' }, { key: 'action', content: 'What' }, { key: 'subject', content: 'On' }, { key: 'detail', content: 'Detail' }] }}
        rows={(page.data?.items ?? []).map((a) => ({
          key: a.id,
          cells: [
            { key: 'at', content: formatDateTime(a.at) },
            { key: 'actor', content: a.actorUser?.displayName ?? a.actor },
            { key: 'action', content: a.action },
            { key: 'subject', content: a.subject },
            { key: 'detail', content: a.detail },
          ],
        }))}
        emptyView={<p>No entries.</p>}
      />
      <nav className="lz-row" aria-label="Audit log pages">
        <Button isDisabled={pager.stack.length === 0 || page.loading} onClick={() => setPager(previousPage(pager))}>
          Previous page
        </Button>
        <Button isDisabled={!next || page.loading} onClick={() => next && setPager(nextPage(pager, next))}>
          Next page
        </Button>
      </nav>
    </section>
  );
}
