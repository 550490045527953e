import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRun, type Run } from '../../graphql/useRun';
import { useSession } from '../../domain/auth/SessionProvider';
import { clock, DURATIONS, minutesOf, skillName } from '../../domain/services/services';
import { echoLink } from '../../domain/services/echoLink';
import type { MapTheme } from '../../map/style';
import { ResidentCivic } from '../../domain/consultations/ResidentCivic';
import { OwnCentralHousehold } from './OwnCentralHousehold';
import { ResidentPublicity } from '../../domain/publicity/ResidentPublicity';
import { ResidentCases } from './ResidentCases';
import { CANCEL_NEED, POST_OWN_WISH, RAISE_OWN_NEED, RESIDENT_QUERY, THANK_WISH, type OwnNeed, type OwnWish } from './operations';

const URGENCIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;

/**
 * A resident's page: their own cases (report, follow, rate), their household's micro-wishes (post one; thank the helper once it is
 * fulfilled) and needs (raise one; withdraw an open one), and the link to their community's
 * echo wall. Everything is for their own household: the API takes it from the account.
 */
export function ResidentHome({ theme, getToken }: { theme: MapTheme; getToken: () => string | null }) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { data, loading, error, refetch } = useQuery(RESIDENT_QUERY, { fetchPolicy: 'network-only' });
  const { busy, message, run } = useRun(refetch);
  const skills = data?.serviceSkills ?? [];
  const name = (code: string) => skillName(skills, code, i18n.language);

  if (loading && !data) return <main className="app__main app__main--message">{t('lists.loading')}</main>;
  if (error && !data)
    return (
      <main className="app__main app__main--message" role="alert">
        {t('lists.error', { message: errorText(t, error) })}
      </main>
    );
  const wishes = data?.microWishes.nodes ?? [];
  const needs = data?.serviceNeeds.nodes ?? [];
  const community = data?.grids.nodes[0] ?? null;

  return (
    <main className="app__main resident">
      <div className="services resident__columns">
        {message && (
          <p role="alert" className="services__message">
            {message}
          </p>
        )}
        <ResidentCases theme={theme} getToken={getToken} />
        <OwnCentralHousehold />
        {community && <ResidentPublicity communityId={community.id} />}
        <ResidentCivic />
        <section className="services__section" data-list="own-wishes">
          <h2 className="panel__title">{t('resident.wishes', { n: wishes.length })}</h2>
          {wishes.length === 0 ? (
            <p>{t('resident.noWishes')}</p>
          ) : (
            <ul className="services__list">
              {wishes.map((w) => (
                <WishRow key={w.id} w={w} busy={busy} run={run} />
              ))}
            </ul>
          )}
          <PostWish busy={busy} run={run} posterName={session?.user.displayName ?? ''} />
        </section>
        <section className="services__section" data-list="own-needs">
          <h2 className="panel__title">{t('resident.needs', { n: needs.length })}</h2>
          {needs.length === 0 ? (
            <p>{t('resident.noNeeds')}</p>
          ) : (
            <ul className="services__list">
              {needs.map((n) => (
                <NeedRow key={n.id} n={n} name={name} busy={busy} run={run} />
              ))}
            </ul>
          )}
          <RaiseNeed skills={skills.map((s) => ({ code: s.code, label: name(s.code) }))} busy={busy} run={run} />
        </section>
        {community && (
          <p>
            <a href={echoLink(community.code)} data-action="echo-wall">
              {t('resident.echo', { name: community.name })}
            </a>
          </p>
        )}
      </div>
    </main>
  );
}

function WishRow({ w, busy, run }: { w: OwnWish; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [thanks, setThanks] = useState('');
  return (
    <li className="services__row" data-wish-id={w.id} data-status={w.status}>
      <span className="status-chip" data-status={w.status}>
        {t(`resident.wishStatus.${w.status}`, { defaultValue: w.status })}
      </span>{' '}
      <strong>{w.title}</strong>
      <p className="services__notes">{w.description}</p>
      {w.rejectReason && <p className="services__notes">{t('resident.rejected', { reason: w.rejectReason })}</p>}
      {w.fulfilNote && <p className="services__notes">{t('resident.fulfilled', { note: w.fulfilNote })}</p>}
      {w.thanks && <p className="services__notes">{t('resident.thanked', { thanks: w.thanks })}</p>}
      {w.status === 'FULFILLED' && (
        <form
          className="services__reject"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => client.mutate({ mutation: THANK_WISH, variables: { id: w.id, version: w.version, thanks: thanks.trim() } }));
          }}
        >
          <input
            className="input"
            name="thanks"
            value={thanks}
            onChange={(e) => setThanks(e.target.value)}
            placeholder={t('resident.thanks')}
            aria-label={t('resident.thanks')}
            required
          />
          <button type="submit" className="button button--primary" disabled={busy || thanks.trim() === ''} data-action="thank-wish">
            {t('resident.thank')}
          </button>
        </form>
      )}
    </li>
  );
}

function PostWish({ busy, run, posterName }: { busy: boolean; run: Run; posterName: string }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  return (
    <form
      className="helper-register"
      data-form="post-wish"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() =>
          client.mutate({
            mutation: POST_OWN_WISH,
            variables: { title: title.trim(), description: description.trim(), posterName: posterName || t('resident.me') },
          }),
        ).then((ok) => {
          if (!ok) return;
          setTitle('');
          setDescription('');
        });
      }}
    >
      <h3>{t('resident.postWish')}</h3>
      <label>
        {t('resident.wishTitle')}
        <input className="input" name="title" value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        {t('resident.wishDescription')}
        <textarea
          className="input"
          name="description"
          rows={2}
          value={description}
          maxLength={2000}
          onChange={(e) => setDescription(e.target.value)}
          required
        />
      </label>
      <button
        type="submit"
        className="button button--primary"
        disabled={busy || !title.trim() || !description.trim()}
        data-action="post-wish"
      >
        {t('resident.post')}
      </button>
    </form>
  );
}

function NeedRow({ n, name, busy, run }: { n: OwnNeed; name: (code: string) => string; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  return (
    <li className="services__row" data-need-id={n.id} data-status={n.status}>
      <span className="status-chip" data-status={n.status}>
        {t(`resident.needStatus.${n.status}`, { defaultValue: n.status })}
      </span>{' '}
      <strong>{name(n.type)}</strong>{' '}
      <span>
        {t('services.window', {
          day: t(`services.weekday.${n.weekday}`, { defaultValue: String(n.weekday) }),
          from: clock(n.startMinute),
          to: clock(n.endMinute),
        })}
      </span>
      {n.notes && <p className="services__notes">{n.notes}</p>}
      {n.status === 'OPEN' && (
        <div className="services__actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            data-action="withdraw-need"
            onClick={() =>
              void run(() =>
                client.mutate({ mutation: CANCEL_NEED, variables: { id: n.id, version: n.version, reason: t('resident.withdrawReason') } }),
              )
            }
          >
            {t('resident.withdraw')}
          </button>
        </div>
      )}
    </li>
  );
}

function RaiseNeed({ skills, busy, run }: { skills: { code: string; label: string }[]; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [type, setType] = useState('');
  const [urgency, setUrgency] = useState<(typeof URGENCIES)[number]>('NORMAL');
  const [weekday, setWeekday] = useState(6);
  const [from, setFrom] = useState('09:00');
  const [to, setTo] = useState('11:00');
  const [notes, setNotes] = useState('');
  const [duration, setDuration] = useState(60);
  const startMinute = minutesOf(from);
  const endMinute = minutesOf(to);
  const valid = type !== '' && startMinute !== null && endMinute !== null && endMinute - startMinute >= duration;
  return (
    <form
      className="helper-register"
      data-form="raise-need"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        void run(() =>
          client.mutate({
            mutation: RAISE_OWN_NEED,
            variables: {
              type,
              urgency,
              window: { weekday, startMinute: startMinute as number, endMinute: endMinute as number },
              durationMinutes: duration,
              notes: notes.trim() || null,
            },
          }),
        ).then((ok) => {
          if (ok) setNotes('');
        });
      }}
    >
      <h3>{t('resident.raiseNeed')}</h3>
      <select
        className="input"
        name="type"
        value={type}
        onChange={(e) => setType(e.target.value)}
        aria-label={t('services.visitForm.type')}
      >
        <option value="">{t('services.visitForm.type')}</option>
        {skills.map((s) => (
          <option key={s.code} value={s.code}>
            {s.label}
          </option>
        ))}
      </select>
      <select
        className="input"
        name="urgency"
        value={urgency}
        onChange={(e) => setUrgency(e.target.value as (typeof URGENCIES)[number])}
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
          value={weekday}
          onChange={(e) => setWeekday(Number(e.target.value))}
          aria-label={t('helper.form.weekday')}
        >
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <option key={d} value={d}>
              {t(`services.weekday.${d}`, { defaultValue: String(d) })}
            </option>
          ))}
        </select>
        <input className="input" type="time" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('helper.form.from')} />
        <input
          className="input"
          type="time"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-label={t('helper.form.to')}
          aria-invalid={!(endMinute !== null && startMinute !== null && endMinute - startMinute >= duration)}
        />
      </div>
      <select
        className="input"
        name="duration"
        value={duration}
        onChange={(e) => setDuration(Number(e.target.value))}
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
        name="notes"
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        placeholder={t('services.visitForm.notes')}
        aria-label={t('services.visitForm.notes')}
      />
      <button type="submit" className="button button--primary" disabled={busy || !valid} data-action="raise-need">
        {t('resident.raise')}
      </button>
    </form>
  );
}
