import { errorText } from '../../graphql/errors';
import { useQuery } from '@apollo/client/react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../graphql/types';
import { useFormatters } from '../../i18n/useFormatters';
import { BUILDINGS_QUERY, HOUSEHOLD_TAGS, HOUSEHOLDS_QUERY, LIST_PAGE, RESIDENTS_QUERY, type HouseholdTag } from './operations';
import { useCursorPages } from '../../domain/lists/useCursorPages';
import { InviteResident } from './InviteResident';
import { CentralLinks } from './CentralLinks';

export type LeaderTab = 'cases' | 'services' | 'civic' | 'publicity' | 'buildings' | 'households' | 'residents';
const TABS: LeaderTab[] = ['cases', 'services', 'civic', 'publicity', 'buildings', 'households', 'residents'];

/**
 * The leader's side: tabs for their open cases (`cases`, rendered by the workspace), buildings,
 * households (tags, filter by tag) and residents (phones masked by the API, search). The API's
 * scope already limits every list to the leader's grids; `gridId` narrows to one of them.
 */
export function LeaderLists({
  cases,
  services,
  publicity,
  civic,
  gridId,
}: {
  cases: ReactNode;
  services?: ReactNode;
  publicity?: ReactNode;
  /** 议事协商 and 项目清单. */
  civic?: ReactNode;
  gridId: string | null;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<LeaderTab>('cases');
  const id = useId();
  return (
    <div className="leader-lists">
      <div role="tablist" className="tabs" aria-label={t('lists.title')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${id}-${name}`}
            className="tabs__tab"
            aria-selected={tab === name}
            aria-controls={`${id}-panel`}
            data-tab={name}
            onClick={() => setTab(name)}
          >
            {t(`lists.tab.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${tab}`} className="tabs__panel" data-tab={tab}>
        {tab === 'cases' && cases}
        {tab === 'services' && services}
        {tab === 'publicity' && publicity}
        {tab === 'civic' && civic}
        {tab === 'buildings' && <BuildingList gridId={gridId} />}
        {tab === 'households' && <HouseholdList gridId={gridId} />}
        {tab === 'residents' && <ResidentList gridId={gridId} />}
      </div>
    </div>
  );
}

/** Loading, error and empty states, the rows, and previous / next under them (exported for tests). */
export function Paged<T extends { id: string }>({
  data,
  loading,
  error,
  pages,
  empty,
  row,
}: {
  data: Connection<T> | undefined;
  loading: boolean;
  error: Error | undefined;
  pages: ReturnType<typeof useCursorPages>;
  empty: string;
  row: (item: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (error) return <p role="alert">{t('lists.error', { message: errorText(t, error) })}</p>;
  if (!data) return loading ? <p role="status">{t('lists.loading')}</p> : null;
  if (data.totalCount === 0) return <p className="list-empty">{empty}</p>;
  const pageCount = Math.max(1, Math.ceil(data.totalCount / LIST_PAGE));
  return (
    <>
      <ul className="entity-list" aria-busy={loading}>
        {data.nodes.map((item) => (
          <li key={item.id} className="entity-list__item" data-id={item.id}>
            {row(item)}
          </li>
        ))}
      </ul>
      <nav className="pager" aria-label={t('lists.pages')}>
        <button type="button" className="button" onClick={pages.previous} disabled={pages.page <= 1 || loading} data-action="previous-page">
          {t('lists.previous')}
        </button>
        <span className="pager__where">
          {t('lists.page', { page: format.count(pages.page), pages: format.count(pageCount), total: format.count(data.totalCount) })}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => pages.next(data.pageInfo.endCursor)}
          disabled={!data.pageInfo.hasNextPage || loading}
          data-action="next-page"
        >
          {t('lists.next')}
        </button>
      </nav>
    </>
  );
}

function BuildingList({ gridId }: { gridId: string | null }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const { data, previousData, loading, error } = useQuery(BUILDINGS_QUERY, { variables: { gridId, first: LIST_PAGE, after: pages.after } });
  return (
    <Paged
      data={(data ?? previousData)?.buildings}
      loading={loading}
      error={error}
      pages={pages}
      empty={t('lists.noBuildings')}
      row={(b) => (
        <>
          <span className="entity-list__name">{b.name}</span>
          <span className="entity-list__meta">{t('lists.buildingMeta', { floors: b.floors, units: b.units })}</span>
          <span className="entity-list__detail">{b.address}</span>
        </>
      )}
    />
  );
}

function HouseholdList({ gridId }: { gridId: string | null }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [tag, setTag] = useState<HouseholdTag | ''>('');
  const id = useId();
  const { data, previousData, loading, error, refetch } = useQuery(HOUSEHOLDS_QUERY, {
    variables: { gridId, tags: tag ? [tag] : null, first: LIST_PAGE, after: pages.after },
  });
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <div className="list-filter">
        <label htmlFor={`${id}-tag`}>{t('lists.filterTag')}</label>
        <select
          id={`${id}-tag`}
          name="tag"
          className="input"
          value={tag}
          onChange={(e) => {
            setTag(e.target.value as HouseholdTag | '');
            pages.reset();
          }}
        >
          <option value="">{t('lists.allTags')}</option>
          {HOUSEHOLD_TAGS.map((name) => (
            <option key={name} value={name}>
              {t(`tag.${name}`)}
            </option>
          ))}
        </select>
      </div>
      <Paged
        data={(data ?? previousData)?.households}
        loading={loading}
        error={error}
        pages={pages}
        empty={tag ? t('lists.noHouseholdsTagged') : t('lists.noHouseholds')}
        row={(h) => (
          <>
            <span className="entity-list__name">{h.address}</span>
            <span className="entity-list__meta">{t('lists.householdSize', { n: h.size })}</span>
            {h.tags.map((name) => (
              <span key={name} className="tag-chip" data-tag={name}>
                {t(`tag.${name}`)}
              </span>
            ))}
            {h.centralHousehold?.householdId === h.id ? (
              <>
                <span className="tag-chip" data-central="self">
                  {t('centralLinks.self', { n: h.linkedHouseholds.length })}
                </span>
                <button type="button" className="button" onClick={() => setEditing(h.id)} data-action="edit-links">
                  {t('centralLinks.edit')}
                </button>
                {editing === h.id && (
                  <CentralLinks
                    organizationId={h.centralHousehold.id}
                    householdId={h.id}
                    gridId={gridId}
                    linked={h.linkedHouseholds.map((l) => l.id)}
                    onDone={() => {
                      setEditing(null);
                      void refetch();
                    }}
                  />
                )}
              </>
            ) : (
              h.centralHousehold && (
                <span className="entity-list__meta" data-central="linked">
                  {t('centralLinks.lookedAfter', { name: h.centralHousehold.name })}
                </span>
              )
            )}
          </>
        )}
      />
    </>
  );
}

function ResidentList({ gridId }: { gridId: string | null }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  const id = useId();
  const { data, previousData, loading, error } = useQuery(RESIDENTS_QUERY, {
    variables: { gridId, search: search || null, first: LIST_PAGE, after: pages.after },
  });
  return (
    <>
      <form
        className="list-filter"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(input.trim());
          pages.reset();
        }}
      >
        <label htmlFor={`${id}-search`}>{t('lists.searchResidents')}</label>
        <input id={`${id}-search`} name="search" className="input" value={input} onChange={(e) => setInput(e.target.value)} />
        <button type="submit" className="button">
          {t('lists.search')}
        </button>
      </form>
      <Paged
        data={(data ?? previousData)?.residents}
        loading={loading}
        error={error}
        pages={pages}
        empty={search ? t('lists.noResidentsFound') : t('lists.noResidents')}
        row={(r) => (
          <>
            <span className="entity-list__name">{r.name}</span>
            <span className="entity-list__meta">{t(`relation.${r.relation}` as 'relation.HOUSEHOLDER', { defaultValue: r.relation })}</span>
            <span className="entity-list__phone">{r.phone ?? t('lists.noPhone')}</span>
            <span className="entity-list__detail">{r.household.address}</span>
            <InviteResident residentId={r.id} />
          </>
        )}
      />
    </>
  );
}
