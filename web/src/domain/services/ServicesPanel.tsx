import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRun, type Run } from '../../graphql/useRun';
import { useFormatters } from '../../i18n/useFormatters';
import { useLedCommunities } from '../grids/useLedCommunities';
import { EvaluationSheet } from './EvaluationSheet';
import { TeamsPanel } from './TeamsPanel';
import { VisitForm } from './VisitForm';
import {
  CONFIRM_MATCH,
  LEADER_SERVICES_QUERY,
  PROPOSE_MATCHES,
  REASSIGN_MATCH,
  REJECT_MATCH,
  REVIEW_WISH,
  VISIT_SCHEDULE_QUERY,
  type MatchRow,
  type PendingWishRow,
  type ResourceRow,
  type SkillRow,
} from './operations';
import { clock, skillName, sortVisits } from './services';
import { useCursorPages } from '../lists/useCursorPages';
import type { MatchStatus, NeedStatus } from '../../graphql/generated/graphql';

/** Needs and proposals listed per page. */
const SERVICES_PAGE = 20;
const NEED_STATUSES: readonly NeedStatus[] = ['OPEN', 'ASSIGNED', 'DONE', 'CANCELLED'];
const MATCH_STATUSES: readonly MatchStatus[] = ['PROPOSED', 'CONFIRMED', 'ACCEPTED', 'DONE', 'DECLINED', 'REJECTED'];

/** What the leader picked to see lines for: a need (its proposals) or a helper (theirs). */
type LineSelection = { kind: 'need' | 'helper'; id: string } | null;

/** Previous / next under a cursor-paged list. */
function Pager({
  pages,
  hasNext,
  endCursor,
  total,
  list,
}: {
  pages: ReturnType<typeof useCursorPages>;
  hasNext: boolean;
  endCursor: string | null | undefined;
  total: number;
  list: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (total <= SERVICES_PAGE) return null;
  const pageCount = Math.ceil(total / SERVICES_PAGE);
  return (
    <nav className="pager" aria-label={t('lists.pages')} data-pager={list}>
      <button type="button" className="button" onClick={pages.previous} disabled={pages.page <= 1} data-action="previous-page">
        {t('lists.previous')}
      </button>
      <span className="pager__where">
        {t('lists.page', { page: format.count(pages.page), pages: format.count(pageCount), total: format.count(total) })}
      </span>
      <button type="button" className="button" onClick={() => pages.next(endCursor ?? null)} disabled={!hasNext} data-action="next-page">
        {t('lists.next')}
      </button>
    </nav>
  );
}

/**
 * The leader's services tab: open needs (需求清单), this week's proposals (精准匹配) with confirm /
 * reject / reassign to another helper with the skill (their helper → need lines are on the map),
 * wishes to review (publish or reject), the community's resources list (资源清单), recording a
 * visit (findings, check-in, a need found) from the visits list, the visits due or overdue (入户走访), and
 * for a community's leader its volunteer teams and activities (志愿服务队: attendance and hours)
 * and the month's dual-evaluation sheet as CSV (双评议).
 */
export function ServicesPanel({
  gridIds,
  period,
  onChanged,
  onLines,
}: {
  gridIds: readonly string[];
  period: string;
  onChanged: () => void;
  /** The matches whose helper → need lines the map should draw (only the selection's). */
  onLines?: (matchIds: readonly string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const gridId = gridIds.length === 1 ? gridIds[0] : null;
  const [needStatus, setNeedStatus] = useState<NeedStatus>('OPEN');
  const [needType, setNeedType] = useState('');
  const [matchStatus, setMatchStatus] = useState<MatchStatus>('PROPOSED');
  const needPages = useCursorPages();
  const matchPages = useCursorPages();
  const [selection, setSelection] = useState<LineSelection>(null);
  const query = useQuery(LEADER_SERVICES_QUERY, {
    variables: {
      gridId,
      period,
      needStatus,
      needType: needType || null,
      needsAfter: needPages.after,
      matchStatus,
      matchesAfter: matchPages.after,
      page: SERVICES_PAGE,
    },
    fetchPolicy: 'network-only',
  });
  const { loading, error, refetch } = query;
  const data = query.data ?? query.previousData;
  const lineIds = (data?.serviceMatches.nodes ?? [])
    .filter((m) => selection && (selection.kind === 'need' ? m.need?.id === selection.id : m.helper?.id === selection.id))
    .map((m) => m.id)
    .join(',');
  useEffect(() => {
    onLines?.(lineIds ? lineIds.split(',') : []);
  }, [lineIds, onLines]);
  const select = (next: NonNullable<LineSelection>) => setSelection((was) => (was?.kind === next.kind && was.id === next.id ? null : next));
  const client = useApolloClient();
  const { busy, message, run } = useRun(async () => {
    await refetch();
    onChanged();
  });
  const skills = data?.serviceSkills ?? [];
  const communities = useLedCommunities();
  const name = (code: string) => skillName(skills, code, i18n.language);

  const propose = () =>
    run(async () => {
      for (const id of gridIds) await client.mutate({ mutation: PROPOSE_MATCHES, variables: { gridId: id, period } });
    });

  if (loading && !data) return <p>{t('lists.loading')}</p>;
  if (error && !data) return <p role="alert">{t('lists.error', { message: errorText(t, error) })}</p>;
  const needs = data?.serviceNeeds.nodes ?? [];
  const matches = data?.serviceMatches.nodes ?? [];
  const resources = data?.serviceRegistrations.nodes ?? [];
  const pendingWishes = data?.microWishes.nodes ?? [];

  return (
    <div className="services" data-period={period}>
      {message && (
        <p role="alert" className="services__message">
          {message}
        </p>
      )}
      <section className="services__section" data-list="needs">
        <h2 className="panel__title">{t('services.needs', { n: data?.serviceNeeds.totalCount ?? 0 })}</h2>
        <div className="services__filters">
          <select
            className="input"
            name="needStatus"
            aria-label={t('services.filter.needStatus')}
            value={needStatus}
            onChange={(e) => {
              setNeedStatus(NEED_STATUSES.find((x) => x === e.target.value) ?? 'OPEN');
              needPages.reset();
            }}
          >
            {NEED_STATUSES.map((x) => (
              <option key={x} value={x}>
                {t(`services.needStatus.${x}`)}
              </option>
            ))}
          </select>
          <select
            className="input"
            name="needType"
            aria-label={t('services.filter.needType')}
            value={needType}
            onChange={(e) => {
              setNeedType(e.target.value);
              needPages.reset();
            }}
          >
            <option value="">{t('services.filter.allTypes')}</option>
            {skills.map((k) => (
              <option key={k.code} value={k.code}>
                {name(k.code)}
              </option>
            ))}
          </select>
        </div>
        {needs.length === 0 ? (
          <p>{t('services.noNeeds')}</p>
        ) : (
          <ul className="services__list">
            {needs.map((n) => (
              <li
                key={n.id}
                className="services__row"
                data-need-id={n.id}
                aria-current={selection?.kind === 'need' && selection.id === n.id}
              >
                <span className="status-chip" data-urgency={n.urgency}>
                  {t(`services.urgency.${n.urgency}`, { defaultValue: n.urgency })}
                </span>
                <strong>{name(n.type)}</strong> <span>{n.household?.address}</span>{' '}
                <span>
                  {t('services.window', {
                    day: t(`services.weekday.${n.weekday}`, { defaultValue: String(n.weekday) }),
                    from: clock(n.startMinute),
                    to: clock(n.endMinute),
                  })}
                </span>
                {n.notes && <p className="services__notes">{n.notes}</p>}
                <button type="button" className="button" data-action="need-lines" onClick={() => select({ kind: 'need', id: n.id })}>
                  {t('services.showLines')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <Pager
          pages={needPages}
          list="needs"
          total={data?.serviceNeeds.totalCount ?? 0}
          hasNext={data?.serviceNeeds.pageInfo.hasNextPage ?? false}
          endCursor={data?.serviceNeeds.pageInfo.endCursor}
        />
      </section>
      <section className="services__section" data-list="proposals">
        <h2 className="panel__title">{t('services.proposals', { n: data?.serviceMatches.totalCount ?? 0, period })}</h2>
        <p className="workspace__hint">{t('services.linesHint')}</p>
        <select
          className="input"
          name="matchStatus"
          aria-label={t('services.filter.matchStatus')}
          value={matchStatus}
          onChange={(e) => {
            setMatchStatus(MATCH_STATUSES.find((x) => x === e.target.value) ?? 'PROPOSED');
            matchPages.reset();
          }}
        >
          {MATCH_STATUSES.map((x) => (
            <option key={x} value={x}>
              {t(`services.matchStatus.${x}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={busy || gridIds.length === 0}
          onClick={() => void propose()}
          data-action="propose-matches"
        >
          {t('services.propose')}
        </button>
        {matches.length === 0 ? (
          <p>{t('services.noProposals')}</p>
        ) : (
          <ul className="services__list">
            {matches.map((m) => (
              <Proposal
                key={m.id}
                m={m}
                name={name}
                busy={busy}
                run={run}
                others={resources.filter((r) => r.id !== m.helper?.id && (!m.need || r.skills.includes(m.need.type)))}
                selected={selection?.kind === 'helper' && selection.id === m.helper?.id}
                onLines={() => m.helper && select({ kind: 'helper', id: m.helper.id })}
              />
            ))}
          </ul>
        )}
        <Pager
          pages={matchPages}
          list="proposals"
          total={data?.serviceMatches.totalCount ?? 0}
          hasNext={data?.serviceMatches.pageInfo.hasNextPage ?? false}
          endCursor={data?.serviceMatches.pageInfo.endCursor}
        />
      </section>
      <section className="services__section" data-list="wishes-to-review">
        <h2 className="panel__title">{t('services.wishesToReview', { n: data?.microWishes.totalCount ?? 0 })}</h2>
        {pendingWishes.length === 0 ? (
          <p>{t('services.noWishesToReview')}</p>
        ) : (
          <ul className="services__list">
            {pendingWishes.map((w) => (
              <PendingWish key={w.id} w={w} busy={busy} run={run} />
            ))}
          </ul>
        )}
      </section>
      <section className="services__section" data-list="resources">
        <h2 className="panel__title">{t('services.resources', { n: data?.serviceRegistrations.totalCount ?? 0 })}</h2>
        {resources.length === 0 ? (
          <p>{t('services.noResources')}</p>
        ) : (
          <ul className="services__list">
            {resources.map((r) => (
              <li key={r.id} className="services__row" data-registration-id={r.id}>
                <strong>{r.name}</strong> <span>{t(`helper.kind.${r.kind}`, { defaultValue: r.kind })}</span>
                {r.unitName && r.unitName !== r.name && <span> · {r.unitName}</span>}
                <p className="services__notes">
                  {t('services.resourceProfile', { skills: r.skills.map(name).join('、'), radius: r.radiusM, capacity: r.weeklyCapacity })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="services__section" data-list="visits">
        <h2 className="panel__title">{t('services.visits')}</h2>
        {gridIds.map((id) => (
          <VisitList key={id} gridId={id} skills={skills} onChanged={() => void refetch().then(onChanged)} />
        ))}
      </section>
      {communities.map((c) => (
        <TeamsPanel key={c.id} communityId={c.id} skills={skills} />
      ))}
      <EvaluationSheet communities={communities} />
    </div>
  );
}

function Proposal({
  m,
  name,
  busy,
  run,
  others,
  selected,
  onLines,
}: {
  m: MatchRow;
  name: (code: string) => string;
  busy: boolean;
  run: Run;
  others: readonly ResourceRow[];
  selected: boolean;
  onLines: () => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [other, setOther] = useState('');
  return (
    <li className="services__row" data-match-id={m.id} data-status={m.status} aria-current={selected}>
      <strong>{m.helper?.name ?? '—'}</strong> → {m.need ? name(m.need.type) : '—'} <span>{m.need?.household?.address}</span>{' '}
      <span>{t('services.distance', { m: Math.round(m.distanceM) })}</span>
      <p className="services__notes">{m.explanation}</p>
      <button type="button" className="button" data-action="helper-lines" onClick={onLines}>
        {t('services.showLines')}
      </button>
      {m.status !== 'PROPOSED' ? null : rejecting ? (
        <form
          className="services__reject"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => client.mutate({ mutation: REJECT_MATCH, variables: { id: m.id, version: m.version, reason: reason.trim() } }));
          }}
        >
          <input
            className="input"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('services.rejectReason')}
            aria-label={t('services.rejectReason')}
            required
          />
          <button type="submit" className="button" disabled={busy || reason.trim() === ''} data-action="send-reject">
            {t('services.reject')}
          </button>
          <button type="button" className="button" onClick={() => setRejecting(false)}>
            {t('leader.cancel')}
          </button>
        </form>
      ) : (
        <div className="services__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-action="confirm-match"
            onClick={() => void run(() => client.mutate({ mutation: CONFIRM_MATCH, variables: { id: m.id, version: m.version } }))}
          >
            {t('services.confirm')}
          </button>
          <button type="button" className="button" disabled={busy} data-action="reject-match" onClick={() => setRejecting(true)}>
            {t('services.reject')}
          </button>
          {others.length > 0 && (
            <span className="services__reassign">
              <select
                className="input"
                value={other}
                onChange={(e) => setOther(e.target.value)}
                aria-label={t('services.reassignTo')}
                name="reassign"
              >
                <option value="">{t('services.reassignTo')}</option>
                {others.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button"
                disabled={busy || other === ''}
                data-action="reassign-match"
                onClick={() =>
                  void run(() =>
                    client.mutate({ mutation: REASSIGN_MATCH, variables: { id: m.id, version: m.version, registrationId: other } }),
                  )
                }
              >
                {t('services.reassign')}
              </button>
            </span>
          )}
        </div>
      )}
    </li>
  );
}

function PendingWish({ w, busy, run }: { w: PendingWishRow; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const review = (publish: boolean) =>
    run(() =>
      client.mutate({
        mutation: REVIEW_WISH,
        variables: { id: w.id, version: w.version, publish, reason: publish ? null : reason.trim() },
      }),
    );
  return (
    <li className="services__row" data-wish-id={w.id}>
      <strong>{w.title}</strong>
      <p className="services__notes">{w.description}</p>
      {rejecting ? (
        <form
          className="services__reject"
          onSubmit={(e) => {
            e.preventDefault();
            void review(false);
          }}
        >
          <input
            className="input"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('services.rejectReason')}
            aria-label={t('services.rejectReason')}
            required
          />
          <button type="submit" className="button" disabled={busy || reason.trim() === ''} data-action="send-reject-wish">
            {t('services.reject')}
          </button>
          <button type="button" className="button" onClick={() => setRejecting(false)}>
            {t('leader.cancel')}
          </button>
        </form>
      ) : (
        <div className="services__actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-action="publish-wish"
            onClick={() => void review(true)}
          >
            {t('services.publish')}
          </button>
          <button type="button" className="button" disabled={busy} data-action="reject-wish" onClick={() => setRejecting(true)}>
            {t('services.reject')}
          </button>
        </div>
      )}
    </li>
  );
}

function VisitList({ gridId, skills, onChanged }: { gridId: string; skills: readonly SkillRow[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data, loading, error, refetch } = useQuery(VISIT_SCHEDULE_QUERY, { variables: { gridId }, fetchPolicy: 'network-only' });
  const [visiting, setVisiting] = useState<string | null>(null);
  if (loading && !data) return <p>{t('lists.loading')}</p>;
  if (error && !data) return <p role="alert">{t('lists.error', { message: errorText(t, error) })}</p>;
  const rows = sortVisits(data?.visitSchedule ?? []);
  if (rows.length === 0) return <p>{t('services.noVisits')}</p>;
  return (
    <ul className="services__list">
      {rows.map((v) => (
        <li key={v.householdId} className="services__row" data-household-id={v.householdId} data-overdue={v.overdue ? 'true' : undefined}>
          {v.overdue && <span className="status-chip status-chip--overdue">{t('services.overdue')}</span>}
          <span>{v.address}</span> <time dateTime={v.nextDueAt}>{t('services.due', { date: format.dateTime(v.nextDueAt) })}</time>{' '}
          <span>{v.tags.map((tag) => t(`tag.${tag}`, { defaultValue: tag })).join(' · ')}</span>
          {visiting === v.householdId ? (
            <VisitForm
              householdId={v.householdId}
              skills={skills}
              onCancel={() => setVisiting(null)}
              onDone={() => {
                setVisiting(null);
                void refetch();
                onChanged();
              }}
            />
          ) : (
            <div className="services__actions">
              <button type="button" className="button" data-action="record-visit" onClick={() => setVisiting(v.householdId)}>
                {t('services.visitForm.record')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
