import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRun, type Run } from '../../graphql/useRun';
import { streetMonth } from '../../i18n/format';
import { useFormatters } from '../../i18n/useFormatters';
import { GridMap } from '../../map/GridMap';
import type { MapTheme } from '../../map/style';
import { PhotoPicker } from '../../domain/cases/PhotoPicker';
import { photoForUpload } from '../../domain/cases/photos';
import { useGridLayers } from '../../domain/grids/useGridLayers';
import { pointOf, type LngLat } from '../../graphql/types';
import { useSession } from '../../domain/auth/SessionProvider';
import { useGridFocus } from '../../domain/grids/useGridFocus';
import { SERVICE_LAYERS, weekOf } from '../../domain/services/serviceMap';
import { clock, skillName } from '../../domain/services/services';
import { useServiceMap } from '../../domain/services/useServiceMap';
import { groupTasks, parseHours } from './helper';
import { RegistrationForm } from './RegistrationForm';
import {
  ACCEPT_MATCH,
  ACTIVITIES_QUERY,
  CLAIM_WISH,
  COMPLETE_MATCH,
  DECLINE_MATCH,
  FULFIL_WISH,
  HELPER_QUERY,
  SIGN_UP,
  TASKS_QUERY,
  WISHES_QUERY,
  type ActivityRow,
  type Registration,
  type TaskRow,
  type WishRow,
} from './operations';

const NO_SELECTION: never[] = [];
const HELPER_LAYERS = new Set(SERVICE_LAYERS.filter((l) => l !== 'OVERDUE_VISIT'));
const ignorePick = () => undefined;

/**
 * A helper's (volunteer or in-service party member's) workspace: the tasks leaders
 * confirmed to them (accept / decline, then done with the hours), the wishes they hold a
 * claim on (fulfil with a note and a photo) and the published wishes within their radius
 * (claim), and their community's team activities (sign up while places are left). The map
 * opens on their community with their task lines and the open wishes.
 * Someone not registered yet registers here (双报到, RegistrationForm).
 */
export function HelperWorkspace({ theme, getToken }: { theme: MapTheme; getToken: () => string | null }) {
  const { t, i18n } = useTranslation();
  const month = useMemo(() => {
    const { from, to } = streetMonth(new Date());
    return { from, to };
  }, []);
  const home = useQuery(HELPER_QUERY, { variables: month, fetchPolicy: 'network-only' });
  const registrations = home.data?.me?.registrations ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const reg = registrations.find((r) => r.id === chosen) ?? registrations[0] ?? null;
  const skills = home.data?.serviceSkills ?? [];
  const name = useCallback((code: string) => skillName(skills, code, i18n.language), [skills, i18n.language]);

  const { session } = useSession();
  // Before registering, a click on the map sets where the helper starts from (default: home).
  const [point, setPoint] = useState<LngLat | null>(null);
  const layers = useGridLayers();
  const { focus, settled } = useGridFocus(reg ? [reg.communityId] : []);
  const [version, setVersion] = useState(0);
  const services = useServiceMap(reg ? [reg.communityId] : [], weekOf(new Date()), version);

  return (
    <main className="app__main workspace" data-screen-part="helper">
      <GridMap
        theme={theme}
        layers={layers.status === 'ready' && settled ? layers.data : null}
        picked={reg ? null : point}
        selection={NO_SELECTION}
        onPick={reg ? ignorePick : setPoint}
        getToken={getToken}
        focus={focus}
        services={services}
        servicesShown={HELPER_LAYERS}
      />
      <aside className="workspace__side">
        {home.loading && !home.data ? (
          <p>{t('lists.loading')}</p>
        ) : home.error && !home.data ? (
          <p role="alert">{t('lists.error', { message: errorText(t, home.error) })}</p>
        ) : !reg ? (
          <RegistrationForm
            skills={skills}
            defaultName={session?.user.displayName ?? ''}
            point={point}
            onClearPoint={() => setPoint(null)}
            onDone={() => void home.refetch()}
          />
        ) : (
          <div className="services" data-registration-id={reg.id}>
            <section className="services__section" data-list="registration">
              <h2 className="panel__title">{reg.name}</h2>
              {registrations.length > 1 && (
                <select className="input" value={reg.id} onChange={(e) => setChosen(e.target.value)} aria-label={t('helper.registration')}>
                  {registrations.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name} · {t(`helper.kind.${r.kind}`, { defaultValue: r.kind })}
                    </option>
                  ))}
                </select>
              )}
              <p className="workspace__hint">
                {t('helper.profile', { skills: reg.skills.map(name).join('、'), radius: reg.radiusM, capacity: reg.weeklyCapacity })}
              </p>
              <p data-field="hours">{t('helper.hours', { hours: reg.hours })}</p>
            </section>
            <HelperLists reg={reg} name={name} onChanged={() => setVersion((v) => v + 1)} reloadHome={() => void home.refetch()} />
          </div>
        )}
      </aside>
    </main>
  );
}

function HelperLists({
  reg,
  name,
  onChanged,
  reloadHome,
}: {
  reg: Registration;
  name: (code: string) => string;
  onChanged: () => void;
  reloadHome: () => void;
}) {
  const { t } = useTranslation();
  const { lng, lat } = pointOf(reg.location);
  const tasks = useQuery(TASKS_QUERY, { variables: { registrationId: reg.id }, fetchPolicy: 'network-only' });
  const wishes = useQuery(WISHES_QUERY, {
    variables: { registrationId: reg.id, lng, lat, meters: reg.radiusM },
    fetchPolicy: 'network-only',
  });
  const activities = useQuery(ACTIVITIES_QUERY, {
    variables: { communityId: reg.communityId, registrationId: reg.id },
    fetchPolicy: 'network-only',
  });
  const { busy, message, run } = useRun(async () => {
    await Promise.all([tasks.refetch(), wishes.refetch(), activities.refetch()]);
    reloadHome();
    onChanged();
  });

  const groups = groupTasks(tasks.data?.serviceMatches.nodes ?? []);
  const mine = wishes.data?.mine.nodes ?? [];
  const nearby = wishes.data?.nearby ?? [];

  return (
    <>
      {message && (
        <p role="alert" className="services__message">
          {message}
        </p>
      )}
      <section className="services__section" data-list="tasks">
        <h2 className="panel__title">{t('helper.tasks', { n: groups.toAnswer.length + groups.toDo.length })}</h2>
        <p className="workspace__hint">{t('helper.linesHint')}</p>
        {tasks.loading && !tasks.data ? (
          <p>{t('lists.loading')}</p>
        ) : tasks.error && !tasks.data ? (
          <p role="alert">{t('lists.error', { message: errorText(t, tasks.error) })}</p>
        ) : groups.toAnswer.length + groups.toDo.length === 0 ? (
          <p>{t('helper.noTasks')}</p>
        ) : (
          <ul className="services__list">
            {[...groups.toAnswer, ...groups.toDo].map((task) => (
              <Task key={task.id} task={task} reg={reg} name={name} busy={busy} run={run} />
            ))}
          </ul>
        )}
        {groups.done.length > 0 && <p className="workspace__hint">{t('helper.done', { n: groups.done.length })}</p>}
      </section>
      <section className="services__section" data-list="my-wishes">
        <h2 className="panel__title">{t('helper.myWishes', { n: mine.length })}</h2>
        {mine.length === 0 ? (
          <p>{t('helper.noMyWishes')}</p>
        ) : (
          <ul className="services__list">
            {mine.map((w) => (
              <ClaimedWish key={w.id} wish={w} reg={reg} busy={busy} run={run} />
            ))}
          </ul>
        )}
      </section>
      <section className="services__section" data-list="activities">
        <h2 className="panel__title">{t('helper.activities', { n: activities.data?.teamActivities.length ?? 0 })}</h2>
        {(activities.data?.teamActivities.length ?? 0) === 0 ? (
          <p>{t('helper.noActivities')}</p>
        ) : (
          <ul className="services__list">
            {activities.data!.teamActivities.map((a) => (
              <Activity key={a.id} a={a} reg={reg} busy={busy} run={run} />
            ))}
          </ul>
        )}
      </section>
      <section className="services__section" data-list="nearby-wishes">
        <h2 className="panel__title">{t('helper.nearby', { n: nearby.length, radius: reg.radiusM })}</h2>
        {wishes.loading && !wishes.data ? (
          <p>{t('lists.loading')}</p>
        ) : wishes.error && !wishes.data ? (
          <p role="alert">{t('lists.error', { message: errorText(t, wishes.error) })}</p>
        ) : nearby.length === 0 ? (
          <p>{t('helper.noNearby')}</p>
        ) : (
          <ul className="services__list">
            {nearby.map((w) => (
              <NearbyWish key={w.id} wish={w} reg={reg} busy={busy} run={run} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Task({
  task,
  reg,
  name,
  busy,
  run,
}: {
  task: TaskRow;
  reg: Registration;
  name: (code: string) => string;
  busy: boolean;
  run: Run;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [mode, setMode] = useState<'idle' | 'decline' | 'complete'>('idle');
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState('1');
  const [note, setNote] = useState('');
  const n = task.need;
  // The booked time; the need's whole window for matches made before times were booked.
  const when = task.window ?? n;
  const parsedHours = parseHours(hours);
  return (
    <li className="services__row" data-match-id={task.id} data-status={task.status}>
      <span className="status-chip" data-status={task.status}>
        {t(`helper.status.${task.status}`, { defaultValue: task.status })}
      </span>{' '}
      <strong>{n ? name(n.type) : '—'}</strong>{' '}
      {when && (
        <span data-field="when">
          {t('services.window', {
            day: t(`services.weekday.${when.weekday}`, { defaultValue: String(when.weekday) }),
            from: clock(when.startMinute),
            to: clock(when.endMinute),
          })}
        </span>
      )}{' '}
      <span>{t('helper.week', { period: task.period })}</span>
      {n?.address && <p data-field="address">{n.address}</p>}
      {n?.notes && <p className="services__notes">{n.notes}</p>}
      <p className="services__notes">{task.explanation}</p>
      {mode === 'decline' ? (
        <form
          className="services__reject"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() =>
              client.mutate({
                mutation: DECLINE_MATCH,
                variables: { id: task.id, version: task.version, registrationId: reg.id, reason: reason.trim() || null },
              }),
            );
          }}
        >
          <input
            className="input"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('helper.declineReason')}
            aria-label={t('helper.declineReason')}
          />
          <button type="submit" className="button" disabled={busy} data-action="send-decline">
            {t('helper.decline')}
          </button>
          <button type="button" className="button" onClick={() => setMode('idle')}>
            {t('leader.cancel')}
          </button>
        </form>
      ) : mode === 'complete' ? (
        <form
          className="services__reject"
          onSubmit={(e) => {
            e.preventDefault();
            if (parsedHours === null) return;
            void run(() =>
              client.mutate({
                mutation: COMPLETE_MATCH,
                variables: { id: task.id, version: task.version, hours: parsedHours, note: note.trim() || null },
              }),
            );
          }}
        >
          <label>
            {t('helper.hoursServed')}
            <input
              className="input"
              inputMode="decimal"
              value={hours}
              onChange={(e) => setHours(e.target.value)}
              aria-invalid={parsedHours === null}
              name="hours"
            />
          </label>
          <input
            className="input"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('helper.note')}
            aria-label={t('helper.note')}
          />
          <button type="submit" className="button button--primary" disabled={busy || parsedHours === null} data-action="send-complete">
            {t('helper.complete')}
          </button>
          <button type="button" className="button" onClick={() => setMode('idle')}>
            {t('leader.cancel')}
          </button>
        </form>
      ) : task.status === 'CONFIRMED' ? (
        <div className="services__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-action="accept-match"
            onClick={() =>
              void run(() =>
                client.mutate({ mutation: ACCEPT_MATCH, variables: { id: task.id, version: task.version, registrationId: reg.id } }),
              )
            }
          >
            {t('helper.accept')}
          </button>
          <button type="button" className="button" disabled={busy} data-action="decline-match" onClick={() => setMode('decline')}>
            {t('helper.decline')}
          </button>
        </div>
      ) : (
        <div className="services__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-action="complete-match"
            onClick={() => setMode('complete')}
          >
            {t('helper.complete')}
          </button>
        </div>
      )}
    </li>
  );
}

function ClaimedWish({ wish, reg, busy, run }: { wish: WishRow; reg: Registration; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  return (
    <li className="services__row" data-wish-id={wish.id} data-status={wish.status}>
      <strong>{wish.title}</strong>
      <p className="services__notes">{wish.description}</p>
      {wish.address && <p data-field="address">{wish.address}</p>}
      <form
        className="services__reject"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const encoded = photos[0] ? await photoForUpload(photos[0]) : null;
            await client.mutate({
              mutation: FULFIL_WISH,
              variables: { id: wish.id, version: wish.version, registrationId: reg.id, note: note.trim(), photo: encoded },
            });
          });
        }}
      >
        <input
          className="input"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('helper.fulfilNote')}
          aria-label={t('helper.fulfilNote')}
          required
        />
        <PhotoPicker label={t('helper.photo')} files={photos} onChange={setPhotos} />
        <button type="submit" className="button button--primary" disabled={busy || note.trim() === ''} data-action="fulfil-wish">
          {t('helper.fulfil')}
        </button>
      </form>
    </li>
  );
}

function NearbyWish({ wish, reg, busy, run }: { wish: WishRow; reg: Registration; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  return (
    <li className="services__row" data-wish-id={wish.id} data-status={wish.status}>
      <strong>{wish.title}</strong>
      <p className="services__notes">{wish.description}</p>
      <div className="services__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          data-action="claim-wish"
          onClick={() => void run(() => client.mutate({ mutation: CLAIM_WISH, variables: { id: wish.id, registrationId: reg.id } }))}
        >
          {t('helper.claim')}
        </button>
      </div>
    </li>
  );
}

function Activity({ a, reg, busy, run }: { a: ActivityRow; reg: Registration; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const left = a.capacity - a.signedUp;
  return (
    <li className="services__row" data-activity-id={a.id} data-joined={a.joined ? 'true' : undefined}>
      <strong>{a.title}</strong> {a.teamName && <span>· {a.teamName}</span>}
      <p className="services__notes">
        <time dateTime={a.startsAt}>{format.dateTime(a.startsAt)}</time> · {a.place} ·{' '}
        {t('helper.places', { left: Math.max(0, left), capacity: a.capacity })}
      </p>
      {a.joined ? (
        <span className="status-chip">{t('helper.joined')}</span>
      ) : (
        <div className="services__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy || left <= 0}
            data-action="sign-up"
            onClick={() => void run(() => client.mutate({ mutation: SIGN_UP, variables: { activityId: a.id, registrationId: reg.id } }))}
          >
            {left <= 0 ? t('helper.full') : t('helper.signUp')}
          </button>
        </div>
      )}
    </li>
  );
}
