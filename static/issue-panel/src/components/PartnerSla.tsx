import Lozenge from '@atlaskit/lozenge';
import type { PanelLinkView } from '../../../../src/shared/resolver-contract';
import { slaLines } from '../logic/sla-lines';

/** The partner's SLAs on its issue: information only, nothing here changes them. */
export function PartnerSla({ sla, partner, now }: { sla: PanelLinkView['partnerSla']; partner: string; now: number }) {
  if (!sla || sla.length === 0) return null;
  return (
    <dl className="lz-dl" aria-label={`${partner}'s SLAs`}>
      {slaLines(sla, now).map((line) => (
        <div key={line.name} style={{ display: 'contents' }}>
          <dt>{line.name}</dt>
          <dd>
            <Lozenge appearance={line.tone}>{line.status}</Lozenge> <span className="lz-muted">({line.goal}, {partner}'s SLA)</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
