import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATINGS, ratingKey } from './rating';
import { useRun } from '../../graphql/useRun';
import { streetMonth } from '../../i18n/format';
import { useFormatters } from '../../i18n/useFormatters';
import { useSession } from '../auth/SessionProvider';
import { authFetch } from '../auth/session';
import { saveResponse, unitEvaluationUrl } from './download';
import { EVALUATE_AS_COMMUNITY, EVALUATION_SHEET_QUERY, UNIT_EVALUATION_LINK } from './operations';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Hours as the sheet shows them: whole hours plain, else to two places (records are kept to the quarter hour). */
export const hoursOf = (h: number) => (Number.isInteger(h) ? String(h) : String(Number(h.toFixed(2))));

/**
 * 双评议 in the leader's (社区书记's) workspace: for a month and a community they lead, each
 * registered member's hours and both ratings; the community rates each member's month here
 * (a rating 1–5 and a comment), hands each work unit a signed link to rate its side without an
 * account, and downloads the unit's monthly report (双报告, XLSX) and the sheet (CSV).
 */
export function EvaluationSheet({ communities }: { communities: readonly { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(() => streetMonth(new Date()).label);
  const [communityId, setCommunityId] = useState<string | null>(null);
  if (communities.length === 0) return null;
  const community = communities.find((c) => c.id === communityId) ?? communities[0];
  return (
    <section className="services__section" data-list="evaluations">
      <h2 className="panel__title">{t('services.evaluations')}</h2>
      <p className="services__notes">{t('evaluation.intro')}</p>
      <div className="evaluation__controls">
        <label>
          {t('services.month')}
          <input className="input" type="month" value={period} onChange={(e) => setPeriod(e.target.value)} name="evaluation-month" />
        </label>
        {communities.length > 1 && (
          <label>
            {t('evaluation.community')}
            <select className="input" value={community.id} onChange={(e) => setCommunityId(e.target.value)} name="evaluation-community">
              {communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {MONTH.test(period) ? (
        <CommunitySheet key={`${community.id}/${period}`} community={community} period={period} />
      ) : (
        <p role="alert">{t('evaluation.pickMonth')}</p>
      )}
    </section>
  );
}

function CommunitySheet({ community, period }: { community: { id: string; name: string }; period: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const { auth } = useSession();
  const { data, loading, error, refetch } = useQuery(EVALUATION_SHEET_QUERY, {
    variables: { communityId: community.id, period },
    fetchPolicy: 'cache-and-network',
  });
  const settle = useCallback(() => refetch(), [refetch]);
  const { busy, message, run } = useRun(settle);
  const [links, setLinks] = useState<Record<string, { url: string; expiresAt: string }>>({});
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const rows = data?.serviceEvaluations ?? [];
  const units = [...new Map(rows.filter((r) => r.unitId).map((r) => [r.unitId!, r.unitName ?? ''])).entries()];

  const download = async (path: string, filename: string) => {
    setDownloadError(null);
    const problem = await saveResponse(await authFetch(auth)(path), filename);
    if (problem) setDownloadError(t('services.error', { message: problem }));
  };
  const makeLink = (unitId: string) =>
    run(async () => {
      const res = await client.mutate({ mutation: UNIT_EVALUATION_LINK, variables: { unitId, month: period } });
      const link = res.data!.unitEvaluationLink;
      setLinks((l) => ({ ...l, [unitId]: { url: unitEvaluationUrl(window.location.origin, link.token), expiresAt: link.expiresAt } }));
    });

  if (loading && !data) return <p>{t('app.loading')}</p>;
  if (error) return <p role="alert">{t('services.error', { message: errorText(t, error) })}</p>;
  return (
    <div className="evaluation" data-community-id={community.id}>
      {message && <p role="alert">{message}</p>}
      {downloadError && <p role="alert">{downloadError}</p>}
      {rows.length === 0 ? (
        <p>{t('evaluation.empty', { name: community.name })}</p>
      ) : (
        <ul className="services__list">
          {rows.map((r) => (
            <MemberRow
              key={r.registrationId}
              row={r}
              busy={busy}
              hours={hoursOf(r.hours)}
              onRate={(rating, comment) =>
                void run(() =>
                  client.mutate({
                    mutation: EVALUATE_AS_COMMUNITY,
                    variables: { registrationId: r.registrationId, period, rating, comment: comment.trim() || null },
                  }),
                )
              }
            />
          ))}
        </ul>
      )}
      {units.length > 0 && (
        <>
          <h3 className="panel__subtitle">{t('evaluation.units')}</h3>
          <p className="services__notes">{t('evaluation.unitsIntro')}</p>
          <ul className="services__list">
            {units.map(([unitId, unitName]) => (
              <li key={unitId} className="services__row" data-unit-id={unitId}>
                <strong>{unitName}</strong>
                <button type="button" className="button" disabled={busy} data-action="unit-link" onClick={() => void makeLink(unitId)}>
                  {t('evaluation.makeLink')}
                </button>
                <button
                  type="button"
                  className="button"
                  data-action="unit-report"
                  onClick={() =>
                    void download(`/unit-reports/${period}.xlsx?unit=${encodeURIComponent(unitId)}`, `unit-report-${period}.xlsx`)
                  }
                >
                  {t('evaluation.unitReport')}
                </button>
                {links[unitId] && (
                  <p className="services__notes">
                    <label>
                      {t('evaluation.link', { date: format.dateTime(links[unitId].expiresAt) })}
                      <input
                        className="input"
                        readOnly
                        value={links[unitId].url}
                        data-field="unit-link"
                        onFocus={(e) => e.target.select()}
                      />
                    </label>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <button
        type="button"
        className="button"
        data-action="export-evaluations"
        data-community-id={community.id}
        onClick={() =>
          void download(
            `/exports/service-evaluations.csv?communityId=${encodeURIComponent(community.id)}&period=${encodeURIComponent(period)}`,
            `service-evaluations-${period}.csv`,
          )
        }
      >
        {t('services.exportEvaluations', { name: community.name })}
      </button>
    </div>
  );
}

type SheetRow = {
  registrationId: string;
  name: string;
  unitName?: string | null;
  unitRating?: number | null;
  unitComment?: string | null;
  communityRating?: number | null;
  communityComment?: string | null;
};

function MemberRow({
  row,
  hours,
  busy,
  onRate,
}: {
  row: SheetRow;
  hours: string;
  busy: boolean;
  onRate: (rating: number, comment: string) => void;
}) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<number>(row.communityRating ?? 5);
  const [comment, setComment] = useState(row.communityComment ?? '');
  return (
    <li
      className="services__row evaluation__row"
      data-registration-id={row.registrationId}
      data-community-rating={row.communityRating ?? ''}
    >
      <strong>{row.name}</strong>
      {row.unitName && <span> · {row.unitName}</span>}
      <p className="services__notes">
        {t('evaluation.hours', { hours })} ·{' '}
        {row.unitRating != null ? t('evaluation.unitRated', { rating: t(ratingKey(row.unitRating)) }) : t('evaluation.unitNotYet')}
        {row.unitComment && <> · “{row.unitComment}”</>}
      </p>
      <form
        className="evaluation__form"
        onSubmit={(e) => {
          e.preventDefault();
          onRate(rating, comment);
        }}
      >
        <label>
          {t('evaluation.communityRating')}
          <select className="input" name="community-rating" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
            {RATINGS.map((n) => (
              <option key={n} value={n}>
                {t(ratingKey(n))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('evaluation.comment')}
          <input className="input" name="community-comment" value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy} data-action="rate-member">
          {row.communityRating != null ? t('evaluation.update') : t('evaluation.save')}
        </button>
      </form>
    </li>
  );
}
