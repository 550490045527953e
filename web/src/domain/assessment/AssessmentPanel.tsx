import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentMonth, communityRanking } from './assessment';
import { AssessmentExplanation, AssessmentRanking } from './AssessmentRanking';
import { useAssessment } from './useAssessment';

/** The wall's 考核排名: the communities ranked for this month or last; a click explains the score. */
export function AssessmentPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [back, setBack] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const month = assessmentMonth(Date.now(), back);
  const state = useAssessment(month, 'GRID');
  return (
    <section className="assessment panel" aria-label={t('assessment.title')} data-panel="assessment">
      <header className="assessment__head">
        <h2>{t('assessment.title')}</h2>
        <select value={back} onChange={(e) => setBack(Number(e.target.value))} aria-label={t('assessment.month')}>
          {[0, 1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {assessmentMonth(Date.now(), n)}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={onClose}>
          {t('assessment.close')}
        </button>
      </header>
      {state.status === 'loading' && <p>{t('assessment.loading')}</p>}
      {state.status === 'error' && <p role="alert">{t('assessment.error')}</p>}
      {state.status === 'ready' && (
        <AssessmentRanking entries={communityRanking(state.entries)} selected={selected} onSelect={setSelected} />
      )}
    </section>
  );
}

/** The leader's own score this month (as the leader of each grid they lead), explained. */
export function OwnAssessment({ gridIds }: { gridIds: readonly string[] }) {
  const { t } = useTranslation();
  const state = useAssessment(assessmentMonth(Date.now()), 'GRID_LEADER');
  if (state.status !== 'ready') return null;
  const own = state.entries.filter((e) => gridIds.includes(e.gridId));
  if (!own.length) return null;
  return (
    <details className="assessment assessment--own" data-panel="own-assessment">
      <summary>{t('assessment.own', { score: own.map((e) => (e.score == null ? '—' : e.score.toFixed(1))).join(' / ') })}</summary>
      {own.map((e) => (
        <AssessmentExplanation key={e.subjectId} entry={e} />
      ))}
    </details>
  );
}
