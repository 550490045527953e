import { useTranslation } from 'react-i18next';
import { type AssessmentEntry, formatScore, isHours } from './assessment';

/** 考核评价 explained: each input's value, target, weight and points. */
export function AssessmentExplanation({ entry }: { entry: AssessmentEntry }) {
  const { t } = useTranslation();
  const show = (code: string, n: number | null) =>
    n == null ? t('assessment.noData') : isHours(code) ? t('assessment.hours', { n: n.toFixed(1) }) : `${Math.round(n * 1000) / 10}%`;
  return (
    <table className="assessment__explain" data-subject={entry.subjectId}>
      <thead>
        <tr>
          <th>{t('assessment.input')}</th>
          <th>{t('assessment.value')}</th>
          <th>{t('assessment.target')}</th>
          <th>{t('assessment.weight')}</th>
          <th>{t('assessment.points')}</th>
        </tr>
      </thead>
      <tbody>
        {entry.inputs.map((i) => (
          <tr key={i.code} data-input={i.code}>
            <td>{t(`assessment.inputs.${i.code}`, { defaultValue: t('assessment.inputs.UNKNOWN') })}</td>
            <td>{show(i.code, i.value)}</td>
            <td>
              {i.higherIsBetter ? '≥ ' : '≤ '}
              {show(i.code, i.target)}
            </td>
            <td>{i.weight}</td>
            <td>{formatScore(i.points)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={4}>{t('assessment.score')}</td>
          <td>{formatScore(entry.score)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The ranking list: rank, name, score; clicking a row opens its explanation under it. */
export function AssessmentRanking({
  entries,
  selected,
  onSelect,
}: {
  entries: readonly AssessmentEntry[];
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  if (!entries.length) return <p className="assessment__empty">{t('assessment.empty')}</p>;
  return (
    <ol className="assessment__list">
      {entries.map((e) => (
        <li key={e.subjectId} data-rank={e.rank}>
          <button
            type="button"
            className="assessment__row"
            aria-expanded={selected === e.subjectId}
            onClick={() => onSelect(selected === e.subjectId ? null : e.subjectId)}
          >
            <span className="assessment__rank">{t('assessment.rank', { n: e.rank })}</span>
            <span className="assessment__name">{e.name}</span>
            <span className="assessment__score">{formatScore(e.score)}</span>
          </button>
          {selected === e.subjectId && <AssessmentExplanation entry={e} />}
        </li>
      ))}
    </ol>
  );
}
