import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../graphql/generated';
import { useSession } from '../auth/SessionProvider';
import { authFetch } from '../auth/session';
import { streetMonth } from '../../i18n/format';

const REPORT_COMMUNITIES = graphql(`
  query ReportCommunities {
    grids(level: LARGE, first: 50) {
      nodes {
        id
        code
        name
      }
    }
  }
`);

/** Last month (the usual report), as YYYY-MM in the street's time. */
function lastMonth(): string {
  const { from } = streetMonth(new Date());
  return streetMonth(new Date(new Date(from).getTime() - 1)).label;
}

/**
 * 情况报告 download: a month, the street or one community, PDF or XLSX from
 * `/reports/YYYY-MM.pdf|.xlsx?community=CODE` (fetched with the bearer token, saved from a blob: URL).
 * `street`: street staff may take the whole street's report; a community leader only their communities'.
 */
export function MonthlyReportDownload({ street }: { street: boolean }) {
  const { t } = useTranslation();
  const { auth } = useSession();
  const { data } = useQuery(REPORT_COMMUNITIES);
  const communities = data?.grids.nodes ?? [];
  const [month, setMonth] = useState(lastMonth);
  const [community, setCommunity] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (!street && communities.length === 0) return null;
  const chosen = community || (street ? '' : communities[0].code);

  const download = async (format: 'pdf' | 'xlsx') => {
    setMessage(null);
    setBusy(true);
    try {
      const query = chosen ? `?community=${encodeURIComponent(chosen)}` : '';
      const res = await authFetch(auth)(`/reports/${encodeURIComponent(month)}.${format}${query}`);
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        setMessage(t('monthlyReport.error', { message: body?.error ?? res.statusText }));
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `report-${month}${chosen ? `-${chosen}` : ''}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setBusy(false);
    }
  };

  const months = recentMonths(13);
  return (
    <details className="monthly-report" data-panel="monthly-report">
      <summary className="button">{t('monthlyReport.title')}</summary>
      <div className="monthly-report__body" role="group" aria-label={t('monthlyReport.title')}>
        <select
          className="input"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          name="report-month"
          aria-label={t('monthlyReport.month')}
        >
          {months.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <select className="input" value={chosen} onChange={(e) => setCommunity(e.target.value)} aria-label={t('monthlyReport.scope')}>
          {street && <option value="">{t('monthlyReport.wholeStreet')}</option>}
          {communities.map((c) => (
            <option key={c.id} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="button" className="button" data-action="report-pdf" disabled={busy} onClick={() => void download('pdf')}>
          {t('monthlyReport.pdf')}
        </button>
        <button type="button" className="button" data-action="report-xlsx" disabled={busy} onClick={() => void download('xlsx')}>
          {t('monthlyReport.xlsx')}
        </button>
        {message && <span role="alert">{message}</span>}
      </div>
    </details>
  );
}

/** The current month and the `n - 1` before it, newest first, as YYYY-MM in the street's time. */
function recentMonths(n: number): string[] {
  const [y, m] = streetMonth(new Date()).label.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}
