import { errorText } from '../../graphql/errors';
import { useQuery } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/useFormatters';
import { CasePanel } from '../../domain/cases/CasePanel';
import { useCaseChanges } from '../../domain/cases/useCaseChanges';
import { useCategories } from '../../domain/cases/useCategories';
import { DepartmentActions } from './DepartmentActions';
import { INBOX_QUERY } from './operations';

/** Cases per page of the inbox. */
export const INBOX_PAGE = 20;
const ORDERS = ['URGENT', 'NEWEST'] as const;
type Order = (typeof ORDERS)[number];

/**
 * 部门收件箱 — a department staff member's screen: the cases dispatched (or escalated) to
 * their department, most urgent or newest first, a page at a time; one opens with its
 * timeline, to start it, report back with a photo, or ask the command centre for more time. The
 * list follows the department's cases live.
 */
export function DepartmentInbox() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { nameOf } = useCategories();
  const [order, setOrder] = useState<Order>('URGENT');
  // The cursors of the pages seen so far: page n starts after cursors[n].
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const [open, setOpen] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(INBOX_QUERY, {
    variables: { order, first: INBOX_PAGE, after: cursors[page] },
    fetchPolicy: 'cache-and-network',
  });
  const cases = data?.cases.nodes ?? [];
  const reload = useCallback(() => void refetch().catch(() => undefined), [refetch]);
  // A case dispatched to the department, or changed by the command centre, shows without a reload.
  useCaseChanges(reload);

  return (
    <main className="app__main department">
      <div className="department__list">
        <header className="panel__header">
          <h2 className="panel__title">
            {t('department.inbox', { name: data?.me?.departmentName ?? data?.me?.organizationName ?? '', n: data?.cases.totalCount ?? 0 })}
          </h2>
          <label>
            {t('department.order')}{' '}
            <select
              className="input"
              name="order"
              value={order}
              onChange={(e) => {
                setOrder(e.target.value as Order);
                setCursors([null]);
              }}
            >
              {ORDERS.map((o) => (
                <option key={o} value={o}>
                  {t(`department.orders.${o}`)}
                </option>
              ))}
            </select>
          </label>
        </header>
        {loading && !data && <p role="status">{t('lists.loading')}</p>}
        {error && !data && <p role="alert">{t('lists.error', { message: errorText(t, error) })}</p>}
        {data && cases.length === 0 && <p>{t('department.empty')}</p>}
        <ul className="services__list" data-list="inbox">
          {cases.map((c) => (
            <li
              key={c.id}
              className="services__row"
              data-case-id={c.id}
              data-case-number={c.number}
              data-status={c.status}
              aria-current={open === c.id}
            >
              <button type="button" className="button" onClick={() => setOpen(c.id)} data-action="open-case">
                {c.number}
              </button>{' '}
              <span className="status-chip" data-status={c.status}>
                {t(`status.${c.status}`)}
              </span>{' '}
              {c.priority !== 'NORMAL' && (
                <span className="status-chip status-chip--overdue" data-priority={c.priority}>
                  {t(`priority.${c.priority}`)}
                </span>
              )}{' '}
              {c.overdue && (
                <span className="status-chip status-chip--overdue" data-overdue>
                  {t('case.overdue')}
                </span>
              )}{' '}
              <span>{nameOf(c.category)}</span> {c.dueAt && <span>{t('department.due', { date: format.dateTime(c.dueAt) })}</span>}
              <p className="services__notes">{c.description}</p>
            </li>
          ))}
        </ul>
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={page === 0}
            onClick={() => setCursors(cursors.slice(0, -1))}
            data-action="previous-page"
          >
            {t('department.previous')}
          </button>
          <span>{t('department.page', { n: page + 1 })}</span>
          <button
            type="button"
            className="button"
            disabled={!data?.cases.pageInfo.hasNextPage}
            onClick={() => data?.cases.pageInfo.endCursor && setCursors([...cursors, data.cases.pageInfo.endCursor])}
            data-action="next-page"
          >
            {t('department.next')}
          </button>
        </div>
      </div>
      {open && (
        <aside className="department__case">
          <CasePanel
            id={open}
            onClose={() => setOpen(null)}
            actions={(c, reloadCase) => (
              <DepartmentActions
                c={c}
                onChanged={() => {
                  reloadCase();
                  reload();
                }}
              />
            )}
          />
        </aside>
      )}
    </main>
  );
}
