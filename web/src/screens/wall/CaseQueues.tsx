import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import { CASE_QUEUES_QUERY, COMMUNITIES_QUERY } from '../../domain/cases/operations';
import type { CaseSummary } from '../../domain/cases/types';
import { allGridPages } from '../../domain/grids/allPages';
import type { CaseOrder } from '../../graphql/generated/graphql';
import { QUEUE_ORDERS, QUEUES, type QueueKey } from './queues';

/** Cases listed per queue (the count is the whole queue's). */
const QUEUE_PAGE = 30;
/** After the live feed moves, the queues are asked again this much later. */
const REFRESH_DELAY_MS = 250;
/** And every so often anyway (a missed event, a sweep's changes). */
const POLL_MS = 60_000;

/**
 * 指挥中心待办 — the command centre's queues beside the live feed: 待立案, 待派遣, 待核查, 超期,
 * 申请延期, each with its count, in one community or the whole street and one category or all;
 * most urgent first (or newest, or longest waiting).
 * `refreshKey` changes when the live feed moves, so the counts follow it. A case opens its panel.
 */
export function CaseQueues({
  refreshKey,
  nameOf,
  categories,
  onOpen,
}: {
  refreshKey: string | null;
  nameOf: (code: string) => string;
  /** The category table's codes, for the category filter. */
  categories: readonly { code: string }[];
  onOpen: (c: CaseSummary) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const [gridId, setGridId] = useState('');
  const [category, setCategory] = useState('');
  const [order, setOrder] = useState<CaseOrder>(QUEUE_ORDERS[0]);
  const [open, setOpen] = useState<QueueKey>('toFile');
  const client = useApolloClient();
  const [communities, setCommunities] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let current = true;
    // Every community of the installation (a district has ~200), page by page.
    void allGridPages(client, COMMUNITIES_QUERY, {})
      .then((nodes) => current && setCommunities(nodes))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [client]);
  const { data, error, refetch } = useQuery(CASE_QUEUES_QUERY, {
    variables: { gridId: gridId || null, category: category || null, order, first: QUEUE_PAGE },
    fetchPolicy: 'cache-and-network',
    // A refetch while one is in flight must ask again, not share the older answer.
    context: { queryDeduplication: false },
    pollInterval: POLL_MS,
  });
  useEffect(() => {
    if (refreshKey === null) return;
    // A burst of events (start, then handle) asks once, after the last.
    const timer = setTimeout(() => void refetch().catch(() => undefined), REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [refreshKey, refetch]);
  const cases = data?.[open].nodes ?? [];

  return (
    <section className="queues" aria-label={t('queues.title')}>
      <header className="feed__header">
        <h2 className="feed__title">{t('queues.title')}</h2>
      </header>
      <div className="queues__filter">
        <label htmlFor={`${id}-community`}>{t('queues.community')}</label>
        <select id={`${id}-community`} name="community" className="input" value={gridId} onChange={(e) => setGridId(e.target.value)}>
          <option value="">{t('queues.wholeStreet')}</option>
          {communities.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <div className="queues__filter">
        <label htmlFor={`${id}-category`}>{t('queues.category')}</label>
        <select id={`${id}-category`} name="category" className="input" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('queues.allCategories')}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {nameOf(c.code)}
            </option>
          ))}
        </select>
      </div>
      <div className="queues__filter">
        <label htmlFor={`${id}-order`}>{t('queues.order')}</label>
        <select
          id={`${id}-order`}
          name="order"
          className="input"
          value={order}
          onChange={(e) => setOrder(QUEUE_ORDERS.find((o) => o === e.target.value) ?? QUEUE_ORDERS[0])}
        >
          {QUEUE_ORDERS.map((o) => (
            <option key={o} value={o}>
              {t(`queues.orderBy.${o}`)}
            </option>
          ))}
        </select>
      </div>
      {error && !data && (
        <p role="alert" className="feed__empty">
          {t('lists.error', { message: errorText(t, error) })}
        </p>
      )}
      <div className="queues__tabs" role="tablist">
        {QUEUES.map((q) => (
          <button
            key={q}
            type="button"
            role="tab"
            className="queues__tab"
            aria-selected={open === q}
            data-queue={q}
            data-count={data?.[q].totalCount ?? ''}
            onClick={() => setOpen(q)}
          >
            <span className="queues__name">{t(`queues.${q}`)}</span>
            <span className="queues__count">{data ? format.count(data[q].totalCount) : '…'}</span>
          </button>
        ))}
      </div>
      {data && cases.length === 0 ? (
        <p className="feed__empty">{t('queues.empty')}</p>
      ) : (
        <ol className="feed__list" role="tabpanel" data-queue={open}>
          {cases.map((c) => (
            <li key={c.id}>
              <button type="button" className="feed__item" data-case-id={c.id} data-status={c.status} onClick={() => onOpen(c)}>
                <span className="feed__number">{c.number}</span>
                <span className="status-chip" data-status={c.status}>
                  {t(`status.${c.status}`)}
                </span>
                {c.overdue && <span className="status-chip status-chip--overdue">{t('case.overdue')}</span>}
                <span className="feed__category">{nameOf(c.category)}</span>
                <time dateTime={c.reportedAt}>{format.dateTime(c.reportedAt)}</time>
                <span className="feed__description">{c.description}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
