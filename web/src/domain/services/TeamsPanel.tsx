import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql, type DocumentType } from '../../graphql/generated';
import { useRun, type Run } from '../../graphql/useRun';
import { useFormatters } from '../../i18n/useFormatters';
import type { SkillRow } from './operations';
import { skillName } from './services';
import { activityTimes } from './teams';

const TEAMS_QUERY = graphql(`
  query LeaderTeams($communityId: ID!) {
    volunteerTeams(communityId: $communityId) {
      id
      name
      kind
    }
    teamActivities(communityId: $communityId, first: 20) {
      id
      teamName
      title
      place
      startsAt
      capacity
      signups {
        registrationId
        attended
        hours
        helper {
          name
        }
      }
    }
  }
`);

type Signup = DocumentType<typeof TEAMS_QUERY>['teamActivities'][number]['signups'][number];

const CREATE_TEAM = graphql(`
  mutation CreateTeam($communityId: ID!, $name: String!, $kind: String!) {
    createVolunteerTeam(communityId: $communityId, name: $name, kind: $kind) {
      id
    }
  }
`);

const CREATE_ACTIVITY = graphql(`
  mutation CreateActivity($input: ActivityInput!) {
    createTeamActivity(input: $input) {
      id
    }
  }
`);

const RECORD_ATTENDANCE = graphql(`
  mutation RecordAttendance($activityId: ID!, $registrationId: ID!, $attended: Boolean!, $hours: Float) {
    recordAttendance(activityId: $activityId, registrationId: $registrationId, attended: $attended, hours: $hours) {
      attended
    }
  }
`);

/**
 * 志愿服务队 — a community leader's teams and activities: create a team (kind: a skill) and an
 * activity (time, place, capacity), see who signed up and record attendance with hours
 * (which count as service hours in the evaluation sheet).
 */
export function TeamsPanel({ communityId, skills }: { communityId: string; skills: readonly SkillRow[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const client = useApolloClient();
  const { data, refetch } = useQuery(TEAMS_QUERY, { variables: { communityId }, fetchPolicy: 'network-only' });
  const { busy, message, run } = useRun(refetch);
  const [teamName, setTeamName] = useState('');
  const [teamKind, setTeamKind] = useState('');
  const [activity, setActivity] = useState({ teamId: '', title: '', place: '', start: '', hours: '2', capacity: '10' });
  const teams = data?.volunteerTeams ?? [];
  const activities = data?.teamActivities ?? [];

  const times = activityTimes(activity.start, Number(activity.hours));
  const capacity = Number(activity.capacity);
  const activityValid =
    activity.teamId !== '' &&
    activity.title.trim() !== '' &&
    activity.place.trim() !== '' &&
    times !== null &&
    Number.isInteger(capacity) &&
    capacity >= 1;

  return (
    <section className="services__section" data-list="teams" data-community-id={communityId}>
      <h2 className="panel__title">{t('services.teams.title', { n: teams.length })}</h2>
      {message && <p role="alert">{message}</p>}
      <p>
        {teams.length === 0
          ? t('services.teams.none')
          : teams.map((team) => `${team.name}（${skillName(skills, team.kind, i18n.language)}）`).join('、')}
      </p>
      <form
        className="services__reject"
        data-form="create-team"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => client.mutate({ mutation: CREATE_TEAM, variables: { communityId, name: teamName.trim(), kind: teamKind } })).then(
            (ok) => ok && setTeamName(''),
          );
        }}
      >
        <input
          className="input"
          name="team-name"
          value={teamName}
          onChange={(e) => setTeamName(e.target.value)}
          placeholder={t('services.teams.name')}
          aria-label={t('services.teams.name')}
        />
        <select
          className="input"
          name="team-kind"
          value={teamKind}
          onChange={(e) => setTeamKind(e.target.value)}
          aria-label={t('services.teams.kind')}
        >
          <option value="">{t('services.teams.kind')}</option>
          {skills.map((s) => (
            <option key={s.code} value={s.code}>
              {skillName(skills, s.code, i18n.language)}
            </option>
          ))}
        </select>
        <button type="submit" className="button" disabled={busy || !teamName.trim() || !teamKind} data-action="create-team">
          {t('services.teams.create')}
        </button>
      </form>
      {teams.length > 0 && (
        <form
          className="helper-register"
          data-form="create-activity"
          onSubmit={(e) => {
            e.preventDefault();
            if (!activityValid || !times) return;
            void run(() =>
              client.mutate({
                mutation: CREATE_ACTIVITY,
                variables: {
                  input: { teamId: activity.teamId, title: activity.title.trim(), place: activity.place.trim(), ...times, capacity },
                },
              }),
            ).then((ok) => ok && setActivity({ ...activity, title: '', place: '' }));
          }}
        >
          <h3>{t('services.teams.newActivity')}</h3>
          <select
            className="input"
            name="activity-team"
            value={activity.teamId}
            onChange={(e) => setActivity({ ...activity, teamId: e.target.value })}
            aria-label={t('services.teams.team')}
          >
            <option value="">{t('services.teams.team')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
          <input
            className="input"
            name="activity-title"
            value={activity.title}
            onChange={(e) => setActivity({ ...activity, title: e.target.value })}
            placeholder={t('services.teams.activityTitle')}
            aria-label={t('services.teams.activityTitle')}
          />
          <input
            className="input"
            name="activity-place"
            value={activity.place}
            onChange={(e) => setActivity({ ...activity, place: e.target.value })}
            placeholder={t('services.teams.place')}
            aria-label={t('services.teams.place')}
          />
          <div className="helper-register__window">
            <input
              className="input"
              type="datetime-local"
              name="activity-start"
              value={activity.start}
              onChange={(e) => setActivity({ ...activity, start: e.target.value })}
              aria-label={t('services.teams.start')}
            />
            <input
              className="input"
              name="activity-hours"
              inputMode="decimal"
              value={activity.hours}
              onChange={(e) => setActivity({ ...activity, hours: e.target.value })}
              aria-label={t('services.teams.hours')}
            />
            <input
              className="input"
              name="activity-capacity"
              inputMode="numeric"
              value={activity.capacity}
              onChange={(e) => setActivity({ ...activity, capacity: e.target.value })}
              aria-label={t('services.teams.capacity')}
            />
          </div>
          <button type="submit" className="button button--primary" disabled={busy || !activityValid} data-action="create-activity">
            {t('services.teams.createActivity')}
          </button>
        </form>
      )}
      <ul className="services__list">
        {activities.map((a) => (
          <li key={a.id} className="services__row" data-activity-id={a.id}>
            <strong>{a.title}</strong> {a.teamName && <span>· {a.teamName}</span>}
            <p className="services__notes">
              <time dateTime={a.startsAt}>{format.dateTime(a.startsAt)}</time> · {a.place} ·{' '}
              {t('services.teams.signedUp', { n: a.signups.length, capacity: a.capacity })}
            </p>
            <ul className="services__list">
              {a.signups.map((s) => (
                <Attendance key={s.registrationId} activityId={a.id} s={s} busy={busy} run={run} />
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Attendance({ activityId, s, busy, run }: { activityId: string; s: Signup; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [hours, setHours] = useState(s.hours != null ? String(s.hours) : '2');
  const value = Number(hours);
  const record = (attended: boolean) =>
    run(() =>
      client.mutate({
        mutation: RECORD_ATTENDANCE,
        variables: { activityId, registrationId: s.registrationId, attended, hours: attended ? value : null },
      }),
    );
  return (
    <li data-registration-id={s.registrationId} data-attended={s.attended == null ? undefined : String(s.attended)}>
      <span>{s.helper?.name ?? '—'}</span>{' '}
      {s.attended != null && (
        <span className="status-chip">{s.attended ? t('services.teams.attended', { hours: s.hours }) : t('services.teams.absent')}</span>
      )}{' '}
      <input
        className="input"
        name="attendance-hours"
        inputMode="decimal"
        value={hours}
        onChange={(e) => setHours(e.target.value)}
        aria-label={t('services.teams.hours')}
        size={4}
      />
      <button
        type="button"
        className="button"
        disabled={busy || !(value > 0 && value <= 24)}
        data-action="attended"
        onClick={() => void record(true)}
      >
        {t('services.teams.markAttended')}
      </button>
      <button type="button" className="button" disabled={busy} data-action="absent" onClick={() => void record(false)}>
        {t('services.teams.markAbsent')}
      </button>
    </li>
  );
}
