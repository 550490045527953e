import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { OWN_CENTRAL_HOUSEHOLD } from './operations';

/** 党员中心户 on the resident's page: who looks after their household, or (for a central household) whom it looks after. */
export function OwnCentralHousehold() {
  const { t } = useTranslation();
  const { data } = useQuery(OWN_CENTRAL_HOUSEHOLD);
  const household = data?.residents.nodes[0]?.household;
  if (!household?.centralHousehold) return null;
  const own = household.centralHousehold.householdId === household.id;
  return (
    <section className="services__section" data-list="central-household">
      <h2 className="panel__title">{t('centralLinks.heading')}</h2>
      {own ? (
        <>
          <p>{t('centralLinks.self', { n: household.linkedHouseholds.length })}</p>
          <ul className="services__list">
            {household.linkedHouseholds.map((h) => (
              <li key={h.id}>{h.address}</li>
            ))}
          </ul>
        </>
      ) : (
        <p data-central="linked">{t('centralLinks.lookedAfter', { name: household.centralHousehold.name })}</p>
      )}
    </section>
  );
}
