import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentType } from '../../graphql/generated';
import { useRun } from '../../graphql/useRun';
import { useFormatters } from '../../i18n/useFormatters';
import { explained } from './explain';
import { CASE_RULES_QUERY, SET_CASE_RULES } from './operations';

type Street = DocumentType<typeof CASE_RULES_QUERY>['streets'][number];

/**
 * 事件办理规则: per street, which rating sends a closed case back for rework (不满意返工) and how
 * many times one case may go back that way; "off" stops the rule. The defaults are shown as such.
 */
export function CaseRulesForm() {
  const { t } = useTranslation();
  const streets = useQuery(CASE_RULES_QUERY, { fetchPolicy: 'network-only' });
  if (streets.loading && !streets.data) return <p className="services__empty">{t('console.loading')}</p>;
  const list = streets.data?.streets ?? [];
  if (!list.length) return <p className="services__empty">{t('console.rules.noStreet')}</p>;
  return (
    <>
      {list.map((s) => (
        <StreetRules key={`${s.id}:${s.caseRules.updatedAt ?? 'default'}`} street={s} reload={() => void streets.refetch()} />
      ))}
    </>
  );
}

function StreetRules({ street, reload }: { street: Street; reload: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const { busy, message, run } = useRun(reload);
  const rules = street.caseRules;
  const [atMost, setAtMost] = useState(rules.reworkRatingAtMost == null ? '' : String(rules.reworkRatingAtMost));
  const [times, setTimes] = useState(String(rules.reworkTimes));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() =>
      explained(
        t,
        client.mutate({
          mutation: SET_CASE_RULES,
          variables: {
            streetId: street.id,
            input: { reworkRatingAtMost: atMost === '' ? null : Number(atMost), reworkTimes: Number(times) },
          },
        }),
      ),
    );
  };
  return (
    <form className="services__section console__form" onSubmit={submit} data-form="case-rules" data-street={street.id}>
      <h2 className="panel__title">{t('console.rules.title', { street: street.name })}</h2>
      <p className="console__note">
        {rules.updatedAt ? t('console.rules.setAt', { at: format.dateTime(rules.updatedAt) }) : t('console.rules.defaults')}
      </p>
      <label>
        {t('console.rules.atMost')}{' '}
        <select value={atMost} onChange={(e) => setAtMost(e.target.value)} data-field="rework-rating">
          <option value="">{t('console.rules.off')}</option>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {t('console.rules.ratingAtMost', { n })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('console.rules.times')}{' '}
        <input
          type="number"
          min={0}
          max={5}
          required
          value={times}
          onChange={(e) => setTimes(e.target.value)}
          disabled={atMost === ''}
          data-field="rework-times"
        />
      </label>
      {message && <p role="alert">{message}</p>}
      <button type="submit" className="button" disabled={busy} data-action="save-rules">
        {t('console.rules.save')}
      </button>
    </form>
  );
}
