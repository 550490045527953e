import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../graphql/generated';
import { streetDay, streetMonth } from '../../i18n/format';

const LED = graphql(`
  query MeetingCommunities {
    grids(level: LARGE, first: 20) {
      nodes {
        id
        name
      }
    }
  }
`);

const MEETINGS = graphql(`
  query WorkMeetings($month: String!, $communityId: ID) {
    workMeetings(month: $month, communityId: $communityId) {
      id
      heldOn
      title
      attendees
      decisions
    }
  }
`);

const RECORD = graphql(`
  mutation RecordWorkMeeting($input: WorkMeetingInput!) {
    recordWorkMeeting(input: $input) {
      id
    }
  }
`);

/**
 * 工作例会 log of the community the viewer leads (its large-grid leader; nobody else sees the
 * form): this month's meetings and a form for the next one, shown in the month's 情况报告.
 */
export function WorkMeetingLog() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const communities = useQuery(LED).data?.grids.nodes ?? [];
  const community = communities[0];
  const month = streetMonth(new Date()).label;
  const list = useQuery(MEETINGS, { variables: { month, communityId: community?.id }, skip: !community });
  const [form, setForm] = useState({ heldOn: streetDay(), title: '', attendees: '', agenda: '', decisions: '' });
  const [message, setMessage] = useState<string | null>(null);
  if (!community) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const attendees = form.attendees
        .split(/[,，、\s]+/)
        .map((a) => a.trim())
        .filter(Boolean);
      await client.mutate({ mutation: RECORD, variables: { input: { ...form, communityId: community.id, attendees } } });
      setForm((f) => ({ ...f, title: '', attendees: '', agenda: '', decisions: '' }));
      await list.refetch();
      setMessage(t('meetings.saved'));
    } catch (error) {
      setMessage(t('meetings.error', { message: errorText(t, error) }));
    }
  };
  const field = (name: 'heldOn' | 'title' | 'attendees' | 'agenda' | 'decisions', type = 'text') => (
    <label>
      {t(`meetings.${name}`)}
      <input
        className="input"
        type={type}
        name={`meeting-${name}`}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );

  return (
    <section className="services__section" data-list="work-meetings">
      <h2 className="panel__title">{t('meetings.heading', { name: community.name })}</h2>
      <ul className="services__list">
        {(list.data?.workMeetings ?? []).map((w) => (
          <li key={w.id} className="services__row">
            {w.heldOn} {w.title} — {w.attendees.join('、')}
            {w.decisions && `：${w.decisions}`}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)}>
        {field('heldOn', 'date')}
        {field('title')}
        {field('attendees')}
        {field('agenda')}
        {field('decisions')}
        <button
          type="submit"
          className="button"
          data-action="record-meeting"
          disabled={!form.title.trim() || !form.agenda.trim() || !form.attendees.trim()}
        >
          {t('meetings.record')}
        </button>
      </form>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
