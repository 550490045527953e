import { useTranslation } from 'react-i18next';
import type { CoverageStatus } from './partyLayer';

export interface PartyGridRow {
  gridId: string;
  status: CoverageStatus;
  organizationName?: string | null;
  secretaryName?: string | null;
  leaderName?: string | null;
  partyMembers: number;
}

/** A grid card's party facts (from the wall's party layer): organisation, secretary, leader, party members, coverage. */
export function GridPartyFacts({ row }: { row: PartyGridRow | undefined }) {
  const { t } = useTranslation();
  if (!row) return null;
  const none = t('partyFacts.none');
  return (
    <dl className="grid-card__facts grid-card__party" data-grid-id={row.gridId} data-party-status={row.status}>
      <div className="fact" data-fact="organization">
        <dt>{t('partyFacts.organization')}</dt>
        <dd>{row.organizationName ?? none}</dd>
      </div>
      <div className="fact" data-fact="secretary">
        <dt>{t('partyFacts.secretary')}</dt>
        <dd>{row.secretaryName ?? none}</dd>
      </div>
      <div className="fact" data-fact="leader">
        <dt>{t('partyFacts.leader')}</dt>
        <dd>{row.leaderName ?? none}</dd>
      </div>
      <div className="fact" data-fact="members">
        <dt>{t('partyFacts.members')}</dt>
        <dd>{row.partyMembers}</dd>
      </div>
      <div className="fact" data-fact="coverage">
        <dt>{t('legend.party')}</dt>
        <dd>{t(`partyFacts.status.${row.status}`)}</dd>
      </div>
    </dl>
  );
}
