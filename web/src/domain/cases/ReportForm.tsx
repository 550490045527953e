import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePriority, CaseSource } from '../../graphql/generated/graphql';
import { pointOf, type GeoJSONGeometry, type LngLat } from '../../graphql/types';
import { useFormatters } from '../../i18n/useFormatters';
import { boxAround, BUILDING_RADIUS_M, byDistance, DUPLICATE_RADIUS_M, possibleDuplicates } from './nearby';
import { BUILDINGS_NEAR_QUERY, CASES_NEAR_QUERY, REPORT_CASE_MUTATION, REPORT_RESOLUTION_CASE_MUTATION } from './operations';
import { PhotoPicker } from './PhotoPicker';
import { photoForUpload } from './photos';
import type { CaseSummary } from './types';
import { useCategories } from './useCategories';

/** At most this many photos go with one report. */
const MAX_PHOTOS = 4;
const PRIORITIES: CasePriority[] = ['NORMAL', 'HIGH', 'URGENT'];

/** A building offered as the report's place: the reporter's home. */
export interface HomePlace {
  id: string;
  name: string;
  centroid: GeoJSONGeometry;
}

/**
 * 上报事件 — the one report form (a resident's 随手拍, a grid leader's 网格巡查): category,
 * description, the place — the reporter's building, or a point on the map and then the building
 * there if any — up to four photos, the priority for a leader, and the open cases of the same
 * category within 50 m shown before submitting (possible duplicates, from what the reporter may see).
 */
export function ReportForm({
  source,
  point,
  home = null,
  pickOnMap,
  withPriority = false,
  initialDescription = '',
  resolutionId = null,
  onDone,
  onCancel,
}: {
  source: CaseSource;
  /** A point already chosen (a leader's click on the map); null: chosen in the form. */
  point: LngLat | null;
  /** The reporter's home building, offered first. */
  home?: HomePlace | null;
  /** Draws a map to pick the point on (when `point` is not given). */
  pickOnMap?: (picked: LngLat | null, onPick: (p: LngLat) => void) => ReactNode;
  withPriority?: boolean;
  /** The description to start from (a resolution's text). */
  initialDescription?: string;
  /** 议事协商: the CASE resolution this report carries out (linked in the same write). */
  resolutionId?: string | null;
  onDone: (c: CaseSummary) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const { categories } = useCategories();
  const id = useId();
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState(initialDescription);
  const [priority, setPriority] = useState<CasePriority>('NORMAL');
  const [photos, setPhotos] = useState<File[]>([]);
  // Until the reporter chooses: their home, also when it arrives after the form opened (it was fixed at the first
  // render, so a home that loaded late was offered unchecked and the form asked for a point on the map).
  const [whereChosen, setWhere] = useState<'home' | 'map' | null>(null);
  const where = whereChosen ?? (home && !point ? 'home' : 'map');
  const [picked, setPicked] = useState<LngLat | null>(null);
  // The building chosen for one point: another point (a new click) chooses afresh.
  const [building, setBuilding] = useState<{ at: LngLat; id: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One idempotency key per form: a retried submit never reports twice.
  const [clientKey] = useState(() => crypto.randomUUID());
  const chosen = category || categories[0]?.code || '';
  const atHome = where === 'home' && home !== null;
  const here = point ?? picked;
  const at = atHome ? pointOf(home.centroid) : here;
  const buildingId = here && building && samePoint(building.at, here) ? building.id : null;
  const place = atHome ? home.id : buildingId;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !description.trim() || !at) return;
    setBusy(true);
    setError(null);
    try {
      const uploads = await Promise.all(photos.slice(0, MAX_PHOTOS).map((p) => photoForUpload(p)));
      const input = {
        clientKey,
        category: chosen,
        source,
        priority,
        lng: at.lng,
        lat: at.lat,
        description: description.trim(),
        buildingId: place,
        photos: uploads.length ? uploads : undefined,
      };
      if (resolutionId) {
        const { data } = await client.mutate({ mutation: REPORT_RESOLUTION_CASE_MUTATION, variables: { resolutionId, input } });
        if (data) onDone(data.reportResolutionCase.case);
      } else {
        const { data } = await client.mutate({ mutation: REPORT_CASE_MUTATION, variables: { input } });
        if (data) onDone(data.reportCase.case);
      }
    } catch (caught) {
      setError(t('leader.error', { message: errorText(t, caught) }));
      setBusy(false);
    }
  };

  return (
    <form className="report-form helper-register" data-form="report-case" onSubmit={(e) => void submit(e)} aria-label={t('leader.report')}>
      <h2 className="panel__title">{t('leader.report')}</h2>
      <label htmlFor={`${id}-category`}>{t('leader.category')}</label>
      <select id={`${id}-category`} name="category" className="input" value={chosen} onChange={(e) => setCategory(e.target.value)} required>
        {categories.map((c) => (
          <option key={c.code} value={c.code}>
            {i18n.language === 'en' ? c.nameEn : c.nameZh}
          </option>
        ))}
      </select>
      {withPriority && (
        <>
          <label htmlFor={`${id}-priority`}>{t('report.priority')}</label>
          <select
            id={`${id}-priority`}
            name="priority"
            className="input"
            value={priority}
            onChange={(e) => setPriority(e.target.value as CasePriority)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${id}-description`}>{t('leader.description')}</label>
      <textarea
        id={`${id}-description`}
        name="description"
        className="input"
        rows={3}
        maxLength={4000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        required
      />
      {(home || !point) && (
        <fieldset className="resident-cases__where">
          <legend>{t('resident.cases.where')}</legend>
          {home && (
            <label>
              <input type="radio" name="where" value="home" checked={where === 'home'} onChange={() => setWhere('home')} />{' '}
              {t('resident.cases.atHome', { name: home.name })}
            </label>
          )}
          <label>
            <input type="radio" name="where" value="map" checked={where === 'map'} onChange={() => setWhere('map')} />{' '}
            {t('resident.cases.onMap')}
          </label>
        </fieldset>
      )}
      {!atHome && !point && pickOnMap?.(picked, setPicked)}
      {!atHome && (
        <p className="report-form__where" data-picked={here ? 'yes' : 'no'}>
          {here
            ? t('leader.location', { lng: format.coordinate(here.lng), lat: format.coordinate(here.lat) })
            : t('resident.cases.pickHint')}
        </p>
      )}
      {!atHome && here && <NearBuildings at={here} value={buildingId} onChange={(id) => setBuilding(id ? { at: here, id } : null)} />}
      <PhotoPicker label={t('report.photos', { n: MAX_PHOTOS })} files={photos} max={MAX_PHOTOS} onChange={setPhotos} />
      {at && chosen && <Duplicates at={at} category={chosen} />}
      {error && <p role="alert">{error}</p>}
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !chosen || !description.trim() || !at}
          data-action="submit-case"
        >
          {busy ? t('leader.submitting') : t('leader.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('leader.cancel')}
        </button>
      </div>
    </form>
  );
}

/** 楼栋 — the buildings near the picked point, nearest first; none chosen is allowed (a road, a square). */
function NearBuildings({ at, value, onChange }: { at: LngLat; value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { data } = useQuery(BUILDINGS_NEAR_QUERY, { variables: { lng: at.lng, lat: at.lat, meters: BUILDING_RADIUS_M } });
  const near = byDistance(data?.buildings.nodes ?? [], at);
  if (!near.length) return null;
  return (
    <>
      <label htmlFor={`${id}-building`}>{t('report.building')}</label>
      <select
        id={`${id}-building`}
        name="building"
        className="input"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{t('report.noBuilding')}</option>
        {near.map((b) => (
          <option key={b.id} value={b.id}>
            {t('report.buildingAt', { name: b.name, meters: Math.round(b.meters) })}
          </option>
        ))}
      </select>
    </>
  );
}

/** 可能重复 — open cases of the category within 50 m that the reporter can see, before they submit another. */
function Duplicates({ at, category }: { at: LngLat; category: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data } = useQuery(CASES_NEAR_QUERY, { variables: { bbox: boxAround(at, DUPLICATE_RADIUS_M), category } });
  const found = possibleDuplicates(data?.cases.nodes ?? [], at);
  if (!found.length) return null;
  return (
    <div className="report-form__duplicates" role="note" data-duplicates={found.length}>
      <p>{t('report.duplicates', { n: found.length, meters: DUPLICATE_RADIUS_M })}</p>
      <ul>
        {found.map(({ c, meters }) => (
          <li key={c.id} data-case-number={c.number}>
            <strong>{c.number}</strong> {t(`status.${c.status}`)} · {t('report.metersAway', { meters: Math.round(meters) })} ·{' '}
            {format.dateTime(c.reportedAt)} · {c.description}
          </li>
        ))}
      </ul>
    </div>
  );
}

const samePoint = (a: LngLat, b: LngLat) => a.lng === b.lng && a.lat === b.lat;
