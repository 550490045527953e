import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/SessionProvider';
import { authFetch } from '../auth/session';
import { streetMonth } from '../../i18n/format';

/**
 * 双评议 export: the evaluation sheet of each community given (useLedCommunities: a community
 * leader's own) for a month, downloaded as CSV from `/exports/service-evaluations.csv`
 * (the bearer token goes with the request, so it is fetched and saved from a blob: URL).
 */
export function EvaluationExport({ communities }: { communities: readonly { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const { auth } = useSession();
  const [period, setPeriod] = useState(() => streetMonth(new Date()).label);
  const [message, setMessage] = useState<string | null>(null);
  if (communities.length === 0) return null;

  const download = async (communityId: string) => {
    setMessage(null);
    const res = await authFetch(auth)(
      `/exports/service-evaluations.csv?communityId=${encodeURIComponent(communityId)}&period=${encodeURIComponent(period)}`,
    );
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: string } | null;
      setMessage(t('services.error', { message: body?.error ?? res.statusText }));
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `service-evaluations-${period}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section className="services__section" data-list="evaluations">
      <h2 className="panel__title">{t('services.evaluations')}</h2>
      <label>
        {t('services.month')}
        <input className="input" type="month" value={period} onChange={(e) => setPeriod(e.target.value)} name="evaluation-month" />
      </label>
      {message && <p role="alert">{message}</p>}
      <ul className="services__list">
        {communities.map((c) => (
          <li key={c.id} className="services__row">
            <button
              type="button"
              className="button"
              data-action="export-evaluations"
              data-community-id={c.id}
              disabled={!/^\d{4}-\d{2}$/.test(period)}
              onClick={() => void download(c.id)}
            >
              {t('services.exportEvaluations', { name: c.name })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
