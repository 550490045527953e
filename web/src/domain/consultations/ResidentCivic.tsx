import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import { ProjectSummary } from './CivicPanel';
import { CONSULTATIONS_QUERY, PROJECTS_QUERY } from './operations';

/**
 * What concerns a resident: their invitations to consultations (议事协商), the published consultations of their compound and
 * community, and the published projects (民生实事) there with their progress. Row-level security decides what they see.
 */
export function ResidentCivic() {
  const { t } = useTranslation();
  const format = useFormatters();
  const invited = useQuery(CONSULTATIONS_QUERY, { variables: { invited: true }, fetchPolicy: 'network-only' });
  const around = useQuery(CONSULTATIONS_QUERY, { variables: {}, fetchPolicy: 'network-only' });
  const projects = useQuery(PROJECTS_QUERY, { variables: {}, fetchPolicy: 'network-only' });
  const invitations = invited.data?.consultations ?? [];
  const invitedIds = new Set(invitations.map((c) => c.id));
  const others = (around.data?.consultations ?? []).filter((c) => !invitedIds.has(c.id));
  if (invited.error || around.error || projects.error) return <p role="alert">{t('civic.loadFailed')}</p>;
  return (
    <>
      <section className="services__section" data-list="invitations">
        <h2 className="panel__title">{t('civic.invitations', { n: invitations.length })}</h2>
        {invitations.length === 0 ? (
          <p>{t('civic.noInvitations')}</p>
        ) : (
          <ul className="services__list">
            {invitations.map((c) => (
              <li key={c.id} data-consultation={c.topic}>
                <strong>
                  {t(`civic.kind.${c.kind}`)} · {c.topic}
                </strong>
                <p>
                  {format.dateTime(c.startsAt)} · {c.place} · {c.gridName}
                </p>
                {c.invitees.map((i) => (
                  <p key={i.id}>{t('civic.yourInvitation', { role: i.role ?? t(`civic.invitee.${i.kind}`) })}</p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="services__section" data-list="consultations">
        <h2 className="panel__title">{t('civic.aroundYou', { n: others.length })}</h2>
        {others.length === 0 ? (
          <p>{t('civic.noConsultations')}</p>
        ) : (
          <ul className="services__list">
            {others.map((c) => (
              <li key={c.id} data-consultation={c.topic}>
                {t(`civic.kind.${c.kind}`)} · {c.topic} · {format.dateTime(c.startsAt)} · {c.place} · {t(`civic.status.${c.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="services__section" data-list="projects">
        <h2 className="panel__title">{t('civic.projectsAround', { n: projects.data?.projects.length ?? 0 })}</h2>
        {(projects.data?.projects ?? []).length === 0 ? (
          <p>{t('civic.noProjects')}</p>
        ) : (
          <ul className="services__list">
            {(projects.data?.projects ?? []).map((p) => (
              <li key={p.id} data-project={p.title}>
                <ProjectSummary p={p} />
                <ul>
                  {p.milestones.map((m) => (
                    <li key={m.id}>
                      {t(`civic.milestoneStatus.${m.status}`)} · {m.title} · {format.date(m.dueOn)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
