import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../graphql/generated';
import { errorField, errorText } from '../../graphql/errors';
import type { SkillRow } from '../../domain/services/operations';
import { skillName } from '../../domain/services/services';
import { registrationInput, type RegistrationDraft } from './helper';

const REGISTER = graphql(`
  mutation RegisterMyself($input: RegistrationInput!) {
    registerForService(input: $input) {
      id
    }
  }
`);

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * 双报到 — a helper registers themselves with the community they live in: kind, skills, weekly
 * windows, radius and capacity; they start from their home unless they click the map
 * (`point`, picked by the workspace's map). Checked here first, and again by the API, whose
 * field at fault is shown.
 */
export function RegistrationForm({
  skills,
  defaultName,
  point,
  onClearPoint,
  onDone,
}: {
  skills: readonly SkillRow[];
  defaultName: string;
  point: { lng: number; lat: number } | null;
  onClearPoint: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useApolloClient();
  const [draft, setDraft] = useState<Omit<RegistrationDraft, 'point'>>({
    kind: 'VOLUNTEER',
    name: defaultName,
    unitName: '',
    skills: [],
    windows: [{ weekday: 6, from: '09:00', to: '11:00' }],
    radiusM: '1000',
    weeklyCapacity: '2',
  });
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setWindow = (i: number, patch: Partial<RegistrationDraft['windows'][number]>) =>
    set({ windows: draft.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)) });

  const submit = async () => {
    const built = registrationInput({ ...draft, point });
    if ('error' in built) {
      setProblem({ field: built.field, message: t(built.error) });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await client.mutate({ mutation: REGISTER, variables: { input: built.input } });
      onDone();
    } catch (error) {
      setProblem({ field: errorField(error) ?? '', message: t('services.error', { message: errorText(t, error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="services__section helper-register"
      data-list="register"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 className="panel__title">{t('helper.form.title')}</h2>
      <p className="workspace__hint">{t('helper.form.hint')}</p>
      <label>
        {t('helper.form.kind')}
        <select
          className="input"
          name="kind"
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as RegistrationDraft['kind'] })}
        >
          <option value="VOLUNTEER">{t('helper.kind.VOLUNTEER')}</option>
          <option value="MEMBER">{t('helper.kind.MEMBER')}</option>
        </select>
      </label>
      <label>
        {t('helper.form.name')}
        <input
          className="input"
          name="name"
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          aria-invalid={problem?.field === 'input.name'}
        />
      </label>
      {draft.kind === 'MEMBER' && (
        <label>
          {t('helper.form.unitName')}
          <input className="input" name="unitName" value={draft.unitName} onChange={(e) => set({ unitName: e.target.value })} />
        </label>
      )}
      <fieldset className="helper-register__skills" aria-invalid={problem?.field === 'input.skills'}>
        <legend>{t('helper.form.skills')}</legend>
        {skills.map((s) => (
          <label key={s.code}>
            <input
              type="checkbox"
              name="skill"
              value={s.code}
              checked={draft.skills.includes(s.code)}
              onChange={(e) => set({ skills: e.target.checked ? [...draft.skills, s.code] : draft.skills.filter((c) => c !== s.code) })}
            />
            {skillName(skills, s.code, i18n.language)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('helper.form.windows')}</legend>
        {draft.windows.map((w, i) => (
          <div
            key={i}
            className="helper-register__window"
            data-window={i}
            aria-invalid={problem?.field.startsWith(`input.availability.${i}`)}
          >
            <select
              className="input"
              aria-label={t('helper.form.weekday')}
              value={w.weekday}
              onChange={(e) => setWindow(i, { weekday: Number(e.target.value) })}
            >
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {t(`services.weekday.${d}`, { defaultValue: String(d) })}
                </option>
              ))}
            </select>
            <input
              className="input"
              type="time"
              aria-label={t('helper.form.from')}
              value={w.from}
              onChange={(e) => setWindow(i, { from: e.target.value })}
            />
            <input
              className="input"
              type="time"
              aria-label={t('helper.form.to')}
              value={w.to}
              onChange={(e) => setWindow(i, { to: e.target.value })}
            />
            {draft.windows.length > 1 && (
              <button type="button" className="button" onClick={() => set({ windows: draft.windows.filter((_, j) => j !== i) })}>
                {t('helper.form.removeWindow')}
              </button>
            )}
          </div>
        ))}
        {draft.windows.length < 28 && (
          <button
            type="button"
            className="button"
            onClick={() => set({ windows: [...draft.windows, { weekday: 6, from: '14:00', to: '16:00' }] })}
          >
            {t('helper.form.addWindow')}
          </button>
        )}
      </fieldset>
      <label>
        {t('helper.form.radius')}
        <input
          className="input"
          name="radiusM"
          inputMode="numeric"
          value={draft.radiusM}
          onChange={(e) => set({ radiusM: e.target.value })}
          aria-invalid={problem?.field === 'input.radiusM'}
        />
      </label>
      <label>
        {t('helper.form.capacity')}
        <input
          className="input"
          name="weeklyCapacity"
          inputMode="numeric"
          value={draft.weeklyCapacity}
          onChange={(e) => set({ weeklyCapacity: e.target.value })}
          aria-invalid={problem?.field === 'input.weeklyCapacity'}
        />
      </label>
      <p data-field="start">
        {point ? t('helper.form.fromPoint', { lng: point.lng.toFixed(5), lat: point.lat.toFixed(5) }) : t('helper.form.fromHome')}{' '}
        {point && (
          <button type="button" className="button" onClick={onClearPoint}>
            {t('helper.form.useHome')}
          </button>
        )}
      </p>
      {problem && (
        <p role="alert" data-field-at-fault={problem.field}>
          {problem.message}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy} data-action="register">
        {t('helper.form.submit')}
      </button>
    </form>
  );
}
