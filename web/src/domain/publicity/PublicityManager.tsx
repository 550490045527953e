import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRun, type Run } from '../../graphql/useRun';
import { useFormatters } from '../../i18n/useFormatters';
import {
  ACTIVITY_KINDS,
  CREATE_ACTIVITY,
  CREATE_DEED,
  CREATE_NOTICE,
  MARK_NOTICE_READ,
  PUBLICITY_GRIDS,
  PUBLICITY_QUERY,
  RECORD_ATTENDANCE,
  REVISE_COVENANT,
  UPDATE_ACTIVITY,
  UPDATE_DEED,
  UPDATE_NOTICE,
  type ActivityKind,
  type PublicityActivity,
  type PublicityDeed,
  type PublicityNotice,
} from './operations';

type Grid = { id: string; name: string; level: string };

/**
 * 宣传 — the leader's publicity tab (the community secretary and the compound leader): notices
 * with who has read them, the community's covenant by version, exemplary deeds (published only
 * with consent) and community activities with sign-ups and attendance. The API's scope limits
 * every list and write to the grids they lead; published notices from above can be marked read.
 */
export function PublicityManager() {
  const { t } = useTranslation();
  const grids = (useQuery(PUBLICITY_GRIDS).data?.grids.nodes ?? []) as Grid[];
  const community = grids.find((g) => g.level === 'LARGE') ?? null;
  const { data, error, refetch } = useQuery(PUBLICITY_QUERY, {
    variables: { communityId: community?.id ?? '00000000-0000-0000-0000-000000000000', withCovenant: community != null },
    fetchPolicy: 'network-only',
  });
  const { busy, message, run } = useRun(refetch);
  if (error && !data) return <p role="alert">{t('lists.error', { message: errorText(t, error) })}</p>;
  if (!data) return <p role="status">{t('lists.loading')}</p>;
  return (
    <div className="services publicity" data-list="publicity">
      {message && (
        <p role="alert" className="services__message">
          {message}
        </p>
      )}
      <Notices notices={data.notices} grids={grids} busy={busy} run={run} />
      {community && data.covenant !== undefined && (
        <Covenant communityId={community.id} current={data.covenant ?? null} history={data.covenantHistory ?? []} busy={busy} run={run} />
      )}
      <Deeds deeds={data.exemplaryDeeds} grids={grids} busy={busy} run={run} />
      <Activities activities={data.communityActivities} grids={grids} busy={busy} run={run} />
    </div>
  );
}

function GridSelect({ grids, value, onChange, name }: { grids: Grid[]; value: string; onChange: (id: string) => void; name: string }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('publicity.grid')}
      <select className="input" name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {grids.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function Notices({ notices, grids, busy, run }: { notices: PublicityNotice[]; grids: Grid[]; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const empty = { gridId: '', title: '', body: '', isPublic: true, publish: true, lng: '', lat: '' };
  const [form, setForm] = useState(empty);
  const gridId = form.gridId || grids[0]?.id || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const pinned = form.lng.trim() !== '' && form.lat.trim() !== '';
    const ok = await run(() =>
      client.mutate({
        mutation: CREATE_NOTICE,
        variables: {
          input: {
            gridId,
            title: form.title,
            body: form.body,
            isPublic: form.isPublic,
            status: form.publish ? 'PUBLISHED' : 'DRAFT',
            ...(pinned ? { lng: Number(form.lng), lat: Number(form.lat) } : {}),
          },
        },
      }),
    );
    if (ok) setForm(empty);
  };
  const publish = (n: PublicityNotice) =>
    run(() =>
      client.mutate({
        mutation: UPDATE_NOTICE,
        variables: {
          id: n.id,
          version: n.version,
          input: { gridId: n.grid.id, title: n.title, body: n.body, isPublic: n.isPublic, status: 'PUBLISHED', lng: n.lng, lat: n.lat },
        },
      }),
    );
  return (
    <section className="services__section" data-list="notices">
      <h2 className="panel__title">{t('publicity.notices', { n: notices.length })}</h2>
      {notices.length === 0 ? (
        <p className="list-empty">{t('publicity.noNotices')}</p>
      ) : (
        <ul className="services__list">
          {notices.map((n) => {
            const read = n.readers?.filter((r) => r.readAt).length ?? 0;
            return (
              <li key={n.id} className="services__row" data-notice-id={n.id} data-status={n.status}>
                <strong>{n.title}</strong> <span className="status-chip">{t(`publicity.status.${n.status}`)}</span> {n.grid.name}
                {n.lng != null && <span className="status-chip">{t('publicity.pinned')}</span>}
                <p>{n.body}</p>
                {n.publishedAt && <time dateTime={n.publishedAt}>{format.dateTime(n.publishedAt)}</time>}
                {n.readers && (
                  <details>
                    <summary data-readers={`${read}/${n.readers.length}`}>
                      {t('publicity.readers', { read, total: n.readers.length })}
                    </summary>
                    <ul>
                      {n.readers.map((r) => (
                        <li key={r.userId} data-read={r.readAt ? 'yes' : 'no'}>
                          {r.name}（{r.gridName}）
                          {r.readAt ? t('publicity.readAt', { at: format.dateTime(r.readAt) }) : t('publicity.unread')}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
                {n.status === 'DRAFT' && n.readers && (
                  <button type="button" className="button" disabled={busy} data-action="publish-notice" onClick={() => void publish(n)}>
                    {t('publicity.publish')}
                  </button>
                )}
                {n.status === 'PUBLISHED' && !n.readers && !n.readByMe && (
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    data-action="mark-read"
                    onClick={() => void run(() => client.mutate({ mutation: MARK_NOTICE_READ, variables: { id: n.id } }))}
                  >
                    {t('publicity.markRead')}
                  </button>
                )}
                {n.readByMe && <span className="status-chip">{t('publicity.readByMe')}</span>}
              </li>
            );
          })}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} data-form="notice">
        <h3>{t('publicity.newNotice')}</h3>
        <GridSelect grids={grids} value={gridId} onChange={(id) => setForm({ ...form, gridId: id })} name="notice-grid" />
        <label>
          {t('publicity.title')}
          <input className="input" name="notice-title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </label>
        <label>
          {t('publicity.body')}
          <textarea className="input" name="notice-body" value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
        </label>
        <label>
          {t('publicity.lng')}
          <input
            className="input"
            name="notice-lng"
            inputMode="decimal"
            value={form.lng}
            onChange={(e) => setForm({ ...form, lng: e.target.value })}
          />
        </label>
        <label>
          {t('publicity.lat')}
          <input
            className="input"
            name="notice-lat"
            inputMode="decimal"
            value={form.lat}
            onChange={(e) => setForm({ ...form, lat: e.target.value })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            name="notice-public"
            checked={form.isPublic}
            onChange={(e) => setForm({ ...form, isPublic: e.target.checked })}
          />
          {t('publicity.isPublic')}
        </label>
        <label>
          <input
            type="checkbox"
            name="notice-publish"
            checked={form.publish}
            onChange={(e) => setForm({ ...form, publish: e.target.checked })}
          />
          {t('publicity.publishNow')}
        </label>
        <button
          type="submit"
          className="button"
          data-action="create-notice"
          disabled={busy || !gridId || !form.title.trim() || !form.body.trim()}
        >
          {t('publicity.save')}
        </button>
      </form>
    </section>
  );
}

function Covenant({
  communityId,
  current,
  history,
  busy,
  run,
}: {
  communityId: string;
  current: { version: number; title: string; body: string } | null;
  history: { id: string; version: number; note?: string | null; authorName: string; createdAt: string }[];
  busy: boolean;
  run: Run;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const [draft, setDraft] = useState<{ title: string; body: string; note: string } | null>(null);
  const form = draft ?? { title: current?.title ?? t('publicity.covenantDefaultTitle'), body: current?.body ?? '', note: '' };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(() =>
      client.mutate({
        mutation: REVISE_COVENANT,
        variables: { communityId, baseVersion: current?.version ?? 0, title: form.title, body: form.body, note: form.note || null },
      }),
    );
    if (ok) setDraft(null);
  };
  return (
    <section className="services__section" data-list="covenant">
      <h2 className="panel__title">{t('publicity.covenant')}</h2>
      <p>{current ? t('publicity.covenantVersion', { version: current.version }) : t('publicity.noCovenant')}</p>
      <form onSubmit={(e) => void submit(e)} data-form="covenant">
        <label>
          {t('publicity.title')}
          <input
            className="input"
            name="covenant-title"
            value={form.title}
            onChange={(e) => setDraft({ ...form, title: e.target.value })}
          />
        </label>
        <label>
          {t('publicity.covenantBody')}
          <textarea
            className="input"
            name="covenant-body"
            rows={8}
            value={form.body}
            onChange={(e) => setDraft({ ...form, body: e.target.value })}
          />
        </label>
        <label>
          {t('publicity.covenantNote')}
          <input className="input" name="covenant-note" value={form.note} onChange={(e) => setDraft({ ...form, note: e.target.value })} />
        </label>
        <button type="submit" className="button" data-action="revise-covenant" disabled={busy || !form.title.trim() || !form.body.trim()}>
          {t('publicity.saveVersion')}
        </button>
      </form>
      {history.length > 0 && (
        <details>
          <summary>{t('publicity.history', { n: history.length })}</summary>
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                {t('publicity.covenantVersion', { version: h.version })} · {format.dateTime(h.createdAt)} · {h.authorName}
                {h.note && ` · ${h.note}`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Deeds({ deeds, grids, busy, run }: { deeds: PublicityDeed[]; grids: Grid[]; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const empty = {
    gridId: '',
    personName: '',
    personKind: 'GRID_WORKER' as 'GRID_WORKER' | 'VOLUNTEER',
    title: '',
    story: '',
    consent: false,
    consentNote: '',
    publish: false,
  };
  const [form, setForm] = useState(empty);
  const gridId = form.gridId || grids[0]?.id || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run(() =>
      client.mutate({
        mutation: CREATE_DEED,
        variables: {
          input: {
            gridId,
            personName: form.personName,
            personKind: form.personKind,
            title: form.title,
            story: form.story,
            consentGiven: form.consent,
            consentNote: form.consent ? form.consentNote || null : null,
            status: form.publish ? 'PUBLISHED' : 'DRAFT',
          },
        },
      }),
    );
    if (ok) setForm(empty);
  };
  const publish = (d: PublicityDeed) =>
    run(() =>
      client.mutate({
        mutation: UPDATE_DEED,
        variables: {
          id: d.id,
          version: d.version,
          input: {
            gridId: d.grid.id,
            personName: d.personName,
            personKind: d.personKind,
            title: d.title,
            story: d.story,
            consentGiven: true,
            consentNote: d.consentNote,
            status: 'PUBLISHED',
          },
        },
      }),
    );
  return (
    <section className="services__section" data-list="deeds">
      <h2 className="panel__title">{t('publicity.deeds', { n: deeds.length })}</h2>
      {deeds.length === 0 ? (
        <p className="list-empty">{t('publicity.noDeeds')}</p>
      ) : (
        <ul className="services__list">
          {deeds.map((d) => (
            <li key={d.id} className="services__row" data-deed-id={d.id}>
              <strong>{d.title}</strong> {d.personName}（{t(`publicity.personKind.${d.personKind}`)}）{' '}
              <span className="status-chip">{t(`publicity.status.${d.status}`)}</span>
              <span className="status-chip">{d.consentAt ? t('publicity.consented') : t('publicity.noConsent')}</span>
              <p>{d.story}</p>
              {d.status === 'DRAFT' && d.consentAt && (
                <button type="button" className="button" disabled={busy} data-action="publish-deed" onClick={() => void publish(d)}>
                  {t('publicity.publish')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} data-form="deed">
        <h3>{t('publicity.newDeed')}</h3>
        <GridSelect grids={grids} value={gridId} onChange={(id) => setForm({ ...form, gridId: id })} name="deed-grid" />
        <label>
          {t('publicity.personName')}
          <input
            className="input"
            name="deed-person"
            value={form.personName}
            onChange={(e) => setForm({ ...form, personName: e.target.value })}
          />
        </label>
        <label>
          {t('publicity.personKindLabel')}
          <select
            className="input"
            name="deed-kind"
            value={form.personKind}
            onChange={(e) => setForm({ ...form, personKind: e.target.value as 'GRID_WORKER' | 'VOLUNTEER' })}
          >
            <option value="GRID_WORKER">{t('publicity.personKind.GRID_WORKER')}</option>
            <option value="VOLUNTEER">{t('publicity.personKind.VOLUNTEER')}</option>
          </select>
        </label>
        <label>
          {t('publicity.title')}
          <input className="input" name="deed-title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </label>
        <label>
          {t('publicity.story')}
          <textarea className="input" name="deed-story" value={form.story} onChange={(e) => setForm({ ...form, story: e.target.value })} />
        </label>
        <label>
          <input
            type="checkbox"
            name="deed-consent"
            checked={form.consent}
            onChange={(e) => setForm({ ...form, consent: e.target.checked })}
          />
          {t('publicity.consentGiven')}
        </label>
        {form.consent && (
          <label>
            {t('publicity.consentNote')}
            <input
              className="input"
              name="deed-consent-note"
              value={form.consentNote}
              onChange={(e) => setForm({ ...form, consentNote: e.target.value })}
            />
          </label>
        )}
        <label>
          <input
            type="checkbox"
            name="deed-publish"
            checked={form.publish}
            disabled={!form.consent}
            onChange={(e) => setForm({ ...form, publish: e.target.checked })}
          />
          {t('publicity.publishNow')}
        </label>
        {!form.consent && <p className="workspace__hint">{t('publicity.consentHint')}</p>}
        <button
          type="submit"
          className="button"
          data-action="create-deed"
          disabled={busy || !gridId || !form.personName.trim() || !form.title.trim() || !form.story.trim()}
        >
          {t('publicity.save')}
        </button>
      </form>
    </section>
  );
}

/** A `datetime-local` value (local time) as an ISO instant, or null when empty or invalid. */
export function instantOf(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function Activities({ activities, grids, busy, run }: { activities: PublicityActivity[]; grids: Grid[]; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const empty = {
    gridId: '',
    kind: 'MOBILE_LIBRARY' as ActivityKind,
    title: '',
    description: '',
    place: '',
    startsAt: '',
    endsAt: '',
    capacity: '30',
    publish: true,
  };
  const [form, setForm] = useState(empty);
  const gridId = form.gridId || grids[0]?.id || '';
  const startsAt = instantOf(form.startsAt);
  const endsAt = instantOf(form.endsAt);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!startsAt || !endsAt) return;
    const ok = await run(() =>
      client.mutate({
        mutation: CREATE_ACTIVITY,
        variables: {
          input: {
            gridId,
            kind: form.kind,
            title: form.title,
            description: form.description || null,
            place: form.place,
            startsAt,
            endsAt,
            capacity: Number(form.capacity),
            status: form.publish ? 'PUBLISHED' : 'DRAFT',
          },
        },
      }),
    );
    if (ok) setForm(empty);
  };
  const publish = (a: PublicityActivity) =>
    run(() =>
      client.mutate({
        mutation: UPDATE_ACTIVITY,
        variables: {
          id: a.id,
          version: a.version,
          input: {
            gridId: a.grid.id,
            kind: a.kind,
            title: a.title,
            description: a.description,
            place: a.place,
            startsAt: a.startsAt,
            endsAt: a.endsAt,
            capacity: a.capacity,
            status: 'PUBLISHED',
          },
        },
      }),
    );
  const attend = (a: PublicityActivity, userId: string, attended: boolean) =>
    run(() => client.mutate({ mutation: RECORD_ATTENDANCE, variables: { activityId: a.id, userId, attended } }));
  return (
    <section className="services__section" data-list="community-activities">
      <h2 className="panel__title">{t('publicity.activities', { n: activities.length })}</h2>
      {activities.length === 0 ? (
        <p className="list-empty">{t('publicity.noActivities')}</p>
      ) : (
        <ul className="services__list">
          {activities.map((a) => (
            <li key={a.id} className="services__row" data-activity-id={a.id}>
              <strong>{a.title}</strong>（{t(`publicity.kind.${a.kind}`)}）
              <span className="status-chip">{t(`publicity.status.${a.status}`)}</span>
              <p>
                {format.dateTime(a.startsAt)} · {a.place} · {t('publicity.places', { taken: a.taken, capacity: a.capacity })}
              </p>
              {a.status === 'DRAFT' && (
                <button type="button" className="button" disabled={busy} data-action="publish-activity" onClick={() => void publish(a)}>
                  {t('publicity.publish')}
                </button>
              )}
              {a.participants.length > 0 && (
                <ul>
                  {a.participants.map((p) => (
                    <li key={p.userId} data-participant={p.name}>
                      {p.name} ×{p.people}{' '}
                      {t(p.attended == null ? 'publicity.attendanceUnknown' : p.attended ? 'publicity.attended' : 'publicity.absent')}{' '}
                      {p.serviceHours != null && (
                        <span data-field="service-hours">{t('publicity.serviceHours', { hours: p.serviceHours })} </span>
                      )}
                      <button
                        type="button"
                        className="button"
                        disabled={busy}
                        data-action="attended"
                        onClick={() => void attend(a, p.userId, true)}
                      >
                        {t('publicity.markAttended')}
                      </button>
                      <button
                        type="button"
                        className="button"
                        disabled={busy}
                        data-action="absent"
                        onClick={() => void attend(a, p.userId, false)}
                      >
                        {t('publicity.markAbsent')}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} data-form="activity">
        <h3>{t('publicity.newActivity')}</h3>
        <GridSelect grids={grids} value={gridId} onChange={(id) => setForm({ ...form, gridId: id })} name="activity-grid" />
        <label>
          {t('publicity.kindLabel')}
          <select
            className="input"
            name="activity-kind"
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as ActivityKind })}
          >
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`publicity.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('publicity.title')}
          <input className="input" name="activity-title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </label>
        <label>
          {t('publicity.place')}
          <input className="input" name="activity-place" value={form.place} onChange={(e) => setForm({ ...form, place: e.target.value })} />
        </label>
        <label>
          {t('publicity.startsAt')}
          <input
            className="input"
            type="datetime-local"
            name="activity-starts"
            value={form.startsAt}
            onChange={(e) => setForm({ ...form, startsAt: e.target.value })}
          />
        </label>
        <label>
          {t('publicity.endsAt')}
          <input
            className="input"
            type="datetime-local"
            name="activity-ends"
            value={form.endsAt}
            onChange={(e) => setForm({ ...form, endsAt: e.target.value })}
          />
        </label>
        <label>
          {t('publicity.capacity')}
          <input
            className="input"
            type="number"
            min={1}
            name="activity-capacity"
            value={form.capacity}
            onChange={(e) => setForm({ ...form, capacity: e.target.value })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            name="activity-publish"
            checked={form.publish}
            onChange={(e) => setForm({ ...form, publish: e.target.checked })}
          />
          {t('publicity.publishNow')}
        </label>
        <button
          type="submit"
          className="button"
          data-action="create-activity"
          disabled={busy || !gridId || !form.title.trim() || !form.place.trim() || !startsAt || !endsAt}
        >
          {t('publicity.save')}
        </button>
      </form>
    </section>
  );
}
