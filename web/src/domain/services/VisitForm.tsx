import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../graphql/generated';
import { errorField, errorText } from '../../graphql/errors';
import type { SkillRow } from './operations';
import { DURATIONS, skillName } from './services';
import { visitInput, type VisitNeedDraft } from './visit';

const RECORD_VISIT = graphql(`
  mutation RecordVisit($input: VisitInput!) {
    recordVisit(input: $input) {
      id
    }
  }
`);

const URGENCIES: VisitNeedDraft['urgency'][] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];

/**
 * 入户走访 — the leader records a visit to a household: findings, the phone's position as the
 * check-in when shared, and optionally a need found there (it goes straight onto the needs list).
 */
export function VisitForm({
  householdId,
  skills,
  onCancel,
  onDone,
}: {
  householdId: string;
  skills: readonly SkillRow[];
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useApolloClient();
  const [findings, setFindings] = useState('');
  const [need, setNeed] = useState<VisitNeedDraft | null>(null);
  const [checkIn, setCheckIn] = useState<{ lng: number; lat: number } | null>(null);
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const locate = () =>
    navigator.geolocation?.getCurrentPosition(
      (p) => setCheckIn({ lng: p.coords.longitude, lat: p.coords.latitude }),
      () => setProblem({ field: 'input.checkInLng', message: t('services.visitForm.noPosition') }),
      { enableHighAccuracy: true, timeout: 10_000 },
    );

  const submit = async () => {
    const built = visitInput({ householdId, findings, need, checkIn }, new Date());
    if ('error' in built) {
      setProblem({ field: built.field, message: t(built.error) });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await client.mutate({ mutation: RECORD_VISIT, variables: { input: built.input } });
      onDone();
    } catch (error) {
      setProblem({ field: errorField(error) ?? '', message: t('services.error', { message: errorText(t, error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="helper-register visit-form"
      data-form="visit"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('services.visitForm.findings')}
        <textarea
          className="input"
          name="findings"
          rows={3}
          value={findings}
          onChange={(e) => setFindings(e.target.value)}
          aria-invalid={problem?.field === 'input.findings'}
        />
      </label>
      <p>
        <button type="button" className="button" onClick={locate} data-action="check-in">
          {t('services.visitForm.checkIn')}
        </button>{' '}
        {checkIn && (
          <span data-field="check-in">
            {t('services.visitForm.checkedIn', { lng: checkIn.lng.toFixed(5), lat: checkIn.lat.toFixed(5) })}
          </span>
        )}
      </p>
      <label>
        <input
          type="checkbox"
          name="raise-need"
          checked={need !== null}
          onChange={(e) =>
            setNeed(
              e.target.checked ? { type: '', urgency: 'NORMAL', weekday: 6, from: '09:00', to: '11:00', duration: 60, notes: '' } : null,
            )
          }
        />{' '}
        {t('services.visitForm.raiseNeed')}
      </label>
      {need && (
        <fieldset>
          <legend>{t('services.visitForm.need')}</legend>
          <select
            className="input"
            name="need-type"
            value={need.type}
            onChange={(e) => setNeed({ ...need, type: e.target.value })}
            aria-label={t('services.visitForm.type')}
            aria-invalid={problem?.field === 'input.needs.0.type'}
          >
            <option value="">{t('services.visitForm.type')}</option>
            {skills.map((s) => (
              <option key={s.code} value={s.code}>
                {skillName(skills, s.code, i18n.language)}
              </option>
            ))}
          </select>
          <select
            className="input"
            name="need-urgency"
            value={need.urgency}
            onChange={(e) => setNeed({ ...need, urgency: e.target.value as VisitNeedDraft['urgency'] })}
            aria-label={t('services.visitForm.urgency')}
          >
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {t(`services.urgency.${u}`)}
              </option>
            ))}
          </select>
          <div className="helper-register__window">
            <select
              className="input"
              value={need.weekday}
              onChange={(e) => setNeed({ ...need, weekday: Number(e.target.value) })}
              aria-label={t('helper.form.weekday')}
            >
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option key={d} value={d}>
                  {t(`services.weekday.${d}`, { defaultValue: String(d) })}
                </option>
              ))}
            </select>
            <input
              className="input"
              type="time"
              value={need.from}
              onChange={(e) => setNeed({ ...need, from: e.target.value })}
              aria-label={t('helper.form.from')}
            />
            <input
              className="input"
              type="time"
              value={need.to}
              onChange={(e) => setNeed({ ...need, to: e.target.value })}
              aria-label={t('helper.form.to')}
            />
          </div>
          <select
            className="input"
            name="need-duration"
            value={need.duration}
            onChange={(e) => setNeed({ ...need, duration: Number(e.target.value) })}
            aria-label={t('services.duration')}
          >
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {t('services.minutes', { n: m })}
              </option>
            ))}
          </select>
          <input
            className="input"
            name="need-notes"
            value={need.notes}
            onChange={(e) => setNeed({ ...need, notes: e.target.value })}
            placeholder={t('services.visitForm.notes')}
            aria-label={t('services.visitForm.notes')}
          />
        </fieldset>
      )}
      {problem && (
        <p role="alert" data-field-at-fault={problem.field}>
          {problem.message}
        </p>
      )}
      <div className="services__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-action="save-visit">
          {t('services.visitForm.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('leader.cancel')}
        </button>
      </div>
    </form>
  );
}
