import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATINGS, ratingKey } from '../../domain/services/rating';
import { errorText, errorReason } from '../../graphql/errors';
import { useFormatters } from '../../i18n/useFormatters';
import { linkProblem, type UnitRequest } from './unit';
import { RATE_BY_LINK, UNIT_SHEET_QUERY } from './operations';
import './unit.css';

/**
 * 双评议 — the page a member's work unit opens from the link its community leader sent: no
 * sign-in, the link is the credential (one unit, one month, until it expires). It lists the
 * unit's registered members with their service hours of the month and the community's rating,
 * takes the unit's rating (1–5) and comment for each, and offers the month's report (双报告) as
 * XLSX. A missing, altered or expired link says so.
 */
export function UnitEvaluationPage({ request, onLanguage }: { request: UnitRequest; onLanguage: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="unit" data-screen="unit-evaluation">
      <header className="unit__header">
        <h1 className="unit__title">{t('unitEval.title')}</h1>
        <button type="button" className="button" onClick={onLanguage} aria-label={t('language.switchLabel')}>
          {t('language.switchTo')}
        </button>
      </header>
      {request.token ? (
        <UnitSheet token={request.token} />
      ) : (
        <p role="alert" className="unit__problem">
          {t('unitEval.noLink')}
        </p>
      )}
    </main>
  );
}

function UnitSheet({ token }: { token: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(UNIT_SHEET_QUERY, { variables: { token }, fetchPolicy: 'network-only' });
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (loading && !data) return <p>{t('app.loading')}</p>;
  if (error || !data) {
    const problem = linkProblem(errorReason(error));
    return (
      <p role="alert" className="unit__problem" data-problem={problem}>
        {t(`unitEval.${problem}`)}
      </p>
    );
  }
  const sheet = data.unitEvaluationSheet;
  const [y, m] = sheet.month.split('-');
  const rate = async (registrationId: string, name: string, rating: number, comment: string) => {
    setBusy(registrationId);
    setMessage(null);
    try {
      await client.mutate({ mutation: RATE_BY_LINK, variables: { token, registrationId, rating, comment: comment.trim() || null } });
      setMessage({ kind: 'ok', text: t('unitEval.saved', { name }) });
      await refetch();
    } catch (e) {
      const reason = errorReason(e);
      setMessage({ kind: 'error', text: reason === 'expired' ? t('unitEval.expired') : t('services.error', { message: errorText(t, e) }) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="unit__sheet" data-unit-id={sheet.unitId}>
      <h2 className="panel__title">{t('unitEval.heading', { unit: sheet.unitName, year: y, month: Number(m) })}</h2>
      <p className="unit__notes">
        {t('unitEval.community', { name: sheet.communityName })} · {t('unitEval.until', { date: format.dateTime(sheet.expiresAt!) })}
      </p>
      <p className="unit__notes" data-summary>
        {t('unitEval.summary', { members: sheet.members.length, rated: sheet.unitRated, hours: sheet.totalHours })}
      </p>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`unit__message unit__message--${message.kind}`}>
          {message.text}
        </p>
      )}
      {sheet.members.length === 0 ? (
        <p>{t('unitEval.empty')}</p>
      ) : (
        <ul className="unit__members">
          {sheet.members.map((member) => (
            <MemberForm key={member.registrationId} member={member} busy={busy === member.registrationId} onRate={rate} />
          ))}
        </ul>
      )}
      <a className="button" href={`/unit-link/report.xlsx?token=${encodeURIComponent(token)}`} download data-action="unit-report">
        {t('unitEval.download')}
      </a>
    </section>
  );
}

function MemberForm({
  member,
  busy,
  onRate,
}: {
  member: {
    registrationId: string;
    name: string;
    hours: number;
    unitRating?: number | null;
    unitComment?: string | null;
    communityRating?: number | null;
  };
  busy: boolean;
  onRate: (registrationId: string, name: string, rating: number, comment: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<number>(member.unitRating ?? 5);
  const [comment, setComment] = useState(member.unitComment ?? '');
  return (
    <li className="unit__member" data-registration-id={member.registrationId} data-unit-rating={member.unitRating ?? ''}>
      <strong>{member.name}</strong>
      <p className="unit__notes">
        {t('evaluation.hours', { hours: member.hours })} ·{' '}
        {member.communityRating != null
          ? t('unitEval.communityRated', { rating: t(ratingKey(member.communityRating)) })
          : t('unitEval.communityNotYet')}
      </p>
      <form
        className="unit__form"
        onSubmit={(e) => {
          e.preventDefault();
          void onRate(member.registrationId, member.name, rating, comment);
        }}
      >
        <label>
          {t('unitEval.rating')}
          <select className="input" name="unit-rating" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
            {RATINGS.map((n) => (
              <option key={n} value={n}>
                {t(ratingKey(n))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('evaluation.comment')}
          <input className="input" name="unit-comment" value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy} data-action="rate-member">
          {member.unitRating != null ? t('evaluation.update') : t('evaluation.save')}
        </button>
      </form>
    </li>
  );
}
