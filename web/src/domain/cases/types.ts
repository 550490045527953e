import { graphql, type DocumentType } from '../../graphql/generated';
import type { CaseStatus } from '../../graphql/generated/graphql';
import type { CASE_CATEGORIES_QUERY, CASE_QUERY } from './operations';

export type { CaseStatus };

/** Statuses of a case still in the loop (the API's OPEN_STATUSES). */
export const OPEN_STATUSES = [
  'REPORTED',
  'FILED',
  'DISPATCHED',
  'IN_PROGRESS',
  'HANDLED',
  'ESCALATED',
] as const satisfies readonly CaseStatus[];
export const ALL_STATUSES: readonly CaseStatus[] = [...OPEN_STATUSES, 'CLOSED', 'RATED', 'REJECTED'];

export function isOpen(status: CaseStatus): boolean {
  return (OPEN_STATUSES as readonly CaseStatus[]).includes(status);
}

export const CASE_SUMMARY_FRAGMENT = graphql(`
  fragment CaseSummary on Case {
    id
    number
    status
    category
    description
    address
    priority
    overdue
    reportedAt
    dueAt
    gridId
    version
    location
  }
`);

/** A case as pins, lists and the feed show it. */
export type CaseSummary = DocumentType<typeof CASE_SUMMARY_FRAGMENT>;

/** A case with its feedback, photos (content hashes; the image is at `/photos/<hash>`), pending extension request and timeline. */
export type CaseDetail = NonNullable<DocumentType<typeof CASE_QUERY>['case']>;

/**
 * Case totals by alias, as OPEN_CASES_QUERY and GRID_CASE_FACTS_QUERY answer them: `s_<STATUS>`
 * (the open cases of a status, with a page of them in OPEN_CASES_QUERY), `o_<STATUS>` (the
 * overdue ones) and `today` (reported since the start of the day). A missing alias counts 0.
 */
export type CaseTotals = { readonly [alias: string]: { totalCount: number; nodes?: readonly CaseSummary[] } | undefined };

export const CASE_FEED_EVENT_FRAGMENT = graphql(`
  fragment CaseFeedEvent on CaseEvent {
    id
    type
    at
    actorName
    toStatus
    caseId
    version
    case {
      ...CaseSummary
    }
  }
`);

/** One `caseUpdates` event. `id` is the cursor to resume after. */
export type CaseEvent = DocumentType<typeof CASE_FEED_EVENT_FRAGMENT>;

export type CaseCategory = DocumentType<typeof CASE_CATEGORIES_QUERY>['caseCategories'][number];

export const CASE_INDICATORS_FRAGMENT = graphql(`
  fragment CaseIndicators on CaseIndicators {
    filed
    closed
    closedOnTime
    dueToClose
    rated
    onTimeClosureRate
    satisfaction
  }
`);

/** What `caseIndicators` answers, the part the KPI band uses. */
export type CaseIndicators = DocumentType<typeof CASE_INDICATORS_FRAGMENT>;
