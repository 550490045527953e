import { useTranslation } from 'react-i18next';
import { dayStart, HEATMAP_SPAN_DAYS, SPEEDS, type Speed } from '../../domain/cases/heatmap';
import { STREET_TIME_ZONE } from '../../i18n/format';
import type { Timeline } from './useTimeline';

/**
 * 时间回放: the heatmap's day slider over the history, play/pause and speed, the frame's dates
 * and case count; `lateOnly` says the overdue filter is on (the heatmap counts late cases).
 */
export function TimePanel({
  timeline,
  frameTotal,
  lateOnly,
  onClose,
}: {
  timeline: Timeline;
  frameTotal: number;
  lateOnly: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { heatmap, day, status } = timeline;
  const date = new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', timeZone: STREET_TIME_ZONE });
  const count = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  const first = Math.max(0, day - HEATMAP_SPAN_DAYS + 1);
  return (
    <section
      className="time-panel"
      role="group"
      aria-label={t('time.label')}
      data-state={status}
      data-day={day}
      data-frame-total={frameTotal}
    >
      <header className="time-panel__head">
        <h2 className="time-panel__title">{t('time.title')}</h2>
        <button type="button" className="button" onClick={onClose} data-action="time-close">
          {t('time.close')}
        </button>
      </header>
      {status === 'loading' && <p className="time-panel__note">{t('time.loading')}</p>}
      {status === 'error' && (
        <p className="time-panel__note" role="alert">
          {t('time.error')}{' '}
          <button type="button" className="button" onClick={timeline.retry}>
            {t('time.retry')}
          </button>
        </p>
      )}
      {heatmap && (
        <>
          <div className="time-panel__controls">
            <button type="button" className="button" aria-pressed={timeline.playing} onClick={timeline.play} data-action="play">
              {timeline.playing ? t('time.pause') : t('time.play')}
            </button>
            <input
              className="time-panel__slider"
              type="range"
              min={0}
              max={Math.max(0, heatmap.days - 1)}
              step={1}
              value={day}
              aria-label={t('time.slider')}
              aria-valuetext={date.format(dayStart(heatmap, day))}
              onChange={(e) => timeline.setDay(Number(e.target.value))}
            />
            <label className="time-panel__speed">
              {t('time.speed')}
              <select value={timeline.speed} onChange={(e) => timeline.setSpeed(Number(e.target.value) as Speed)}>
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {t('time.speedValue', { n: s })}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="time-panel__frame" aria-live="polite">
            <output>{t('time.frame', { from: date.format(dayStart(heatmap, first)), to: date.format(dayStart(heatmap, day)) })}</output>
            {' · '}
            <strong>{t(lateOnly ? 'time.lateCases' : 'time.cases', { n: count.format(frameTotal) })}</strong>
          </p>
          {heatmap.total === 0 && <p className="time-panel__note">{t('time.empty', { days: heatmap.days })}</p>}
          {heatmap.truncated && <p className="time-panel__note">{t('time.truncated')}</p>}
        </>
      )}
    </section>
  );
}
