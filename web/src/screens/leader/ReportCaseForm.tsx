import { useApolloClient } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../graphql/errors';
import type { LngLat } from '../../graphql/types';
import { useFormatters } from '../../i18n/useFormatters';
import { REPORT_CASE_MUTATION } from '../../domain/cases/operations';
import type { CaseSummary } from '../../domain/cases/types';
import { useCategories } from '../../domain/cases/useCategories';

/** Report a case at a point the leader clicked: category and description (网格巡查 source). */
export function ReportCaseForm({ point, onDone, onCancel }: { point: LngLat; onDone: (c: CaseSummary) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const { categories } = useCategories();
  const id = useId();
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One idempotency key per form: a retried submit never reports twice.
  const [clientKey] = useState(() => crypto.randomUUID());
  const chosen = category || categories[0]?.code || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !description.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await client.mutate({
        mutation: REPORT_CASE_MUTATION,
        variables: {
          input: { clientKey, category: chosen, source: 'GRID_PATROL', lng: point.lng, lat: point.lat, description: description.trim() },
        },
      });
      if (data) onDone(data.reportCase.case);
    } catch (caught) {
      setError(t('leader.error', { message: errorMessage(caught) }));
      setBusy(false);
    }
  };

  return (
    <form className="report-form" onSubmit={(e) => void submit(e)} aria-label={t('leader.report')}>
      <h2 className="panel__title">{t('leader.report')}</h2>
      <p className="report-form__where">{t('leader.location', { lng: format.coordinate(point.lng), lat: format.coordinate(point.lat) })}</p>
      <label htmlFor={`${id}-category`}>{t('leader.category')}</label>
      <select id={`${id}-category`} name="category" className="input" value={chosen} onChange={(e) => setCategory(e.target.value)} required>
        {categories.map((c) => (
          <option key={c.code} value={c.code}>
            {i18n.language === 'en' ? c.nameEn : c.nameZh}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-description`}>{t('leader.description')}</label>
      <textarea
        id={`${id}-description`}
        name="description"
        className="input"
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        required
      />
      {error && <p role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || !chosen || !description.trim()}>
          {busy ? t('leader.submitting') : t('leader.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('leader.cancel')}
        </button>
      </div>
    </form>
  );
}
