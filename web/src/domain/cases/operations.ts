import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Connection } from '../../graphql/types';
import { OPEN_STATUSES, type CaseCategory, type CaseDetail, type CaseEvent, type CaseIndicators, type CaseSummary } from './types';

const CASE_FIELDS = `
  id
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
`;

/** Page size for open cases per status (the map and the leader's list). */
export const OPEN_PAGE = 200;

type Count = { totalCount: number };
/** Per open status `s_<STATUS>` (a page of cases and the total) and `o_<STATUS>` (overdue total); `today` = reported since `since`. */
export type OpenCasesResult = Record<string, Connection<CaseSummary> | Count>;

/**
 * Open cases, one aliased `cases` per open status (the API filters one status at a time),
 * the overdue count per status and how many were reported since `since`. The caller's scope
 * decides which cases: the whole street for the command centre, a leader's grids for a leader.
 */
export const OPEN_CASES_QUERY: TypedDocumentNode<OpenCasesResult, { first: number; since: string }> = gql(`
  query OpenCases($first: Int!, $since: DateTime!) {
    ${OPEN_STATUSES.map(
      (s) => `s_${s}: cases(status: ${s}, first: $first) { totalCount nodes { ${CASE_FIELDS} } }
    o_${s}: cases(status: ${s}, overdue: true, first: 1) { totalCount }`,
    ).join('\n')}
    today: cases(from: $since, first: 1) { totalCount }
  }
`);

const EVENT_FIELDS = `
  id
  type
  at
  actorName
  toStatus
  caseId
  version
  case { ${CASE_FIELDS} }
`;

/** The newest events in scope, newest first: the feed before the subscription continues after the first one. */
export const RECENT_CASE_EVENTS_QUERY: TypedDocumentNode<{ recentCaseEvents: CaseEvent[] }, { first: number }> = gql(`
  query RecentCaseEvents($first: Int!) {
    recentCaseEvents(first: $first) { ${EVENT_FIELDS} }
  }
`);

export const CASE_UPDATES_SUBSCRIPTION: TypedDocumentNode<{ caseUpdates: CaseEvent }, { after: string | null }> = gql(`
  subscription CaseUpdates($after: ID) {
    caseUpdates(after: $after) { ${EVENT_FIELDS} }
  }
`);

export const CASE_QUERY: TypedDocumentNode<{ case: CaseDetail | null }, { id: string }> = gql(`
  query Case($id: ID!) {
    case(id: $id) {
      ${CASE_FIELDS}
      feedback
      photos
      pendingExtension { eventId until reason requestedBy requestedAt }
      timeline { id type at actorName actorRole toStatus note }
    }
  }
`);

export const CASE_CATEGORIES_QUERY: TypedDocumentNode<{ caseCategories: CaseCategory[] }, Record<string, never>> = gql`
  query CaseCategories {
    caseCategories {
      code
      nameZh
      nameEn
    }
  }
`;

export const LARGE_GRID_IDS_QUERY: TypedDocumentNode<{ grids: { nodes: { id: string }[] } }, Record<string, never>> = gql`
  query LargeGridIds {
    grids(level: LARGE, first: 100) {
      nodes {
        id
      }
    }
  }
`;

export const CASE_INDICATORS_QUERY: TypedDocumentNode<{ caseIndicators: CaseIndicators }, { gridId: string; from: string; to: string }> = gql`
  query CaseIndicators($gridId: ID!, $from: DateTime!, $to: DateTime!) {
    caseIndicators(gridId: $gridId, from: $from, to: $to) {
      filed
      closed
      closedOnTime
      dueToClose
      rated
      onTimeClosureRate
      satisfaction
    }
  }
`;

export interface ReportCaseVariables {
  input: {
    clientKey: string;
    category: string;
    source: 'GRID_PATROL' | 'RESIDENT' | 'HOTLINE';
    priority?: string;
    lng: number;
    lat: number;
    description: string;
    address?: string;
  };
}

export const REPORT_CASE_MUTATION: TypedDocumentNode<{ reportCase: { created: boolean; case: CaseSummary } }, ReportCaseVariables> = gql(`
  mutation ReportCase($input: ReportCaseInput!) {
    reportCase(input: $input) { created case { ${CASE_FIELDS} } }
  }
`);

type Step = { id: string; version: number };
const step = (name: string, extra = '', extraArgs = '') =>
  gql(`
  mutation ${name[0].toUpperCase()}${name.slice(1)}($id: ID!, $version: Int!${extra}) {
    ${name}(id: $id, version: $version${extraArgs}) { ${CASE_FIELDS} }
  }
`);

export const FILE_CASE: TypedDocumentNode<{ fileCase: CaseSummary }, Step> = step('fileCase');
export const DISPATCH_CASE: TypedDocumentNode<{ dispatchCase: CaseSummary }, Step> = step('dispatchCase');
export const START_CASE: TypedDocumentNode<{ startCase: CaseSummary }, Step> = step('startCase');
export const HANDLE_CASE: TypedDocumentNode<{ handleCase: CaseSummary }, Step & { feedback: string; photos?: string[] }> = step(
  'handleCase',
  ', $feedback: String!, $photos: [String!]',
  ', feedback: $feedback, photos: $photos',
);
export const REQUEST_EXTENSION: TypedDocumentNode<{ requestCaseExtension: CaseSummary }, Step & { until: string; reason: string }> = step(
  'requestCaseExtension',
  ', $until: DateTime!, $reason: String!',
  ', until: $until, reason: $reason',
);
export const DECLINE_EXTENSION: TypedDocumentNode<{ declineCaseExtension: CaseSummary }, Step & { reason: string }> = step(
  'declineCaseExtension',
  ', $reason: String!',
  ', reason: $reason',
);
export const EXTEND_CASE: TypedDocumentNode<{ extendCaseDeadline: CaseSummary }, Step & { newDueAt: string; reason: string }> = step(
  'extendCaseDeadline',
  ', $newDueAt: DateTime!, $reason: String!',
  ', newDueAt: $newDueAt, reason: $reason',
);
