import { graphql } from '../../graphql/generated';

/** Page size for open cases per status (the map and the leader's list). */
export const OPEN_PAGE = 200;

/**
 * Open cases, one aliased `cases` per open status (the API filters one status at a time):
 * `s_<STATUS>` a page of cases and the total, `o_<STATUS>` the overdue total, `today` how many
 * were reported since `since`. The caller's scope decides which cases: the whole street for
 * the command centre, a leader's grids for a leader. The aliases follow OPEN_STATUSES
 * (operations.test.ts checks it).
 */
export const OPEN_CASES_QUERY = graphql(`
  query OpenCases($first: Int!, $since: DateTime!) {
    s_REPORTED: cases(status: REPORTED, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    o_REPORTED: cases(status: REPORTED, overdue: true, first: 1) {
      totalCount
    }
    s_FILED: cases(status: FILED, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    o_FILED: cases(status: FILED, overdue: true, first: 1) {
      totalCount
    }
    s_DISPATCHED: cases(status: DISPATCHED, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    o_DISPATCHED: cases(status: DISPATCHED, overdue: true, first: 1) {
      totalCount
    }
    s_IN_PROGRESS: cases(status: IN_PROGRESS, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    o_IN_PROGRESS: cases(status: IN_PROGRESS, overdue: true, first: 1) {
      totalCount
    }
    s_HANDLED: cases(status: HANDLED, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    o_HANDLED: cases(status: HANDLED, overdue: true, first: 1) {
      totalCount
    }
    s_ESCALATED: cases(status: ESCALATED, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    o_ESCALATED: cases(status: ESCALATED, overdue: true, first: 1) {
      totalCount
    }
    today: cases(from: $since, first: 1) {
      totalCount
    }
  }
`);

/** Open and overdue cases in a grid's subtree (aliased as OPEN_CASES_QUERY's), with its indicators over `from`–`to`. */
export const GRID_CASE_FACTS_QUERY = graphql(`
  query GridCaseFacts($gridId: ID!, $from: DateTime!, $to: DateTime!) {
    s_REPORTED: cases(gridId: $gridId, status: REPORTED, first: 1) {
      totalCount
    }
    o_REPORTED: cases(gridId: $gridId, status: REPORTED, overdue: true, first: 1) {
      totalCount
    }
    s_FILED: cases(gridId: $gridId, status: FILED, first: 1) {
      totalCount
    }
    o_FILED: cases(gridId: $gridId, status: FILED, overdue: true, first: 1) {
      totalCount
    }
    s_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, first: 1) {
      totalCount
    }
    o_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, overdue: true, first: 1) {
      totalCount
    }
    s_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, first: 1) {
      totalCount
    }
    o_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, overdue: true, first: 1) {
      totalCount
    }
    s_HANDLED: cases(gridId: $gridId, status: HANDLED, first: 1) {
      totalCount
    }
    o_HANDLED: cases(gridId: $gridId, status: HANDLED, overdue: true, first: 1) {
      totalCount
    }
    s_ESCALATED: cases(gridId: $gridId, status: ESCALATED, first: 1) {
      totalCount
    }
    o_ESCALATED: cases(gridId: $gridId, status: ESCALATED, overdue: true, first: 1) {
      totalCount
    }
    indicators: caseIndicators(gridId: $gridId, from: $from, to: $to) {
      ...CaseIndicators
    }
  }
`);

/** The newest events in scope, newest first: the feed before the subscription continues after the first one. */
export const RECENT_CASE_EVENTS_QUERY = graphql(`
  query RecentCaseEvents($first: Int!) {
    recentCaseEvents(first: $first) {
      ...CaseFeedEvent
    }
  }
`);

export const CASE_UPDATES_SUBSCRIPTION = graphql(`
  subscription CaseUpdates($after: ID) {
    caseUpdates(after: $after) {
      ...CaseFeedEvent
    }
  }
`);

export const CASE_QUERY = graphql(`
  query Case($id: ID!) {
    case(id: $id) {
      ...CaseSummary
      feedback
      photos
      assignedLeaderName
      department
      pendingExtension {
        eventId
        until
        reason
        requestedBy
        requestedAt
      }
      timeline {
        id
        type
        at
        actorName
        actorRole
        toStatus
        note
      }
    }
  }
`);

export const CASE_CATEGORIES_QUERY = graphql(`
  query CaseCategories {
    caseCategories {
      code
      nameZh
      nameEn
    }
  }
`);

export const CASE_INDICATORS_QUERY = graphql(`
  query CaseIndicators($gridId: ID, $from: DateTime!, $to: DateTime!) {
    caseIndicators(gridId: $gridId, from: $from, to: $to) {
      ...CaseIndicators
    }
  }
`);

export const REPORT_CASE_MUTATION = graphql(`
  mutation ReportCase($input: ReportCaseInput!) {
    reportCase(input: $input) {
      created
      case {
        ...CaseSummary
      }
    }
  }
`);

/** 议事协商: the report of a new case that carries out a CASE resolution (the case and the link written together). */
export const REPORT_RESOLUTION_CASE_MUTATION = graphql(`
  mutation ReportResolutionCase($resolutionId: ID!, $input: ReportCaseInput!) {
    reportResolutionCase(resolutionId: $resolutionId, input: $input) {
      created
      case {
        ...CaseSummary
      }
    }
  }
`);

export const FILE_CASE = graphql(`
  mutation FileCase($id: ID!, $version: Int!) {
    fileCase(id: $id, version: $version) {
      ...CaseSummary
    }
  }
`);

export const DISPATCH_CASE = graphql(`
  mutation DispatchCase($id: ID!, $version: Int!) {
    dispatchCase(id: $id, version: $version) {
      ...CaseSummary
    }
  }
`);

export const START_CASE = graphql(`
  mutation StartCase($id: ID!, $version: Int!) {
    startCase(id: $id, version: $version) {
      ...CaseSummary
    }
  }
`);

export const HANDLE_CASE = graphql(`
  mutation HandleCase($id: ID!, $version: Int!, $feedback: String!, $photos: [String!]) {
    handleCase(id: $id, version: $version, feedback: $feedback, photos: $photos) {
      ...CaseSummary
    }
  }
`);

export const REQUEST_EXTENSION = graphql(`
  mutation RequestCaseExtension($id: ID!, $version: Int!, $until: DateTime!, $reason: String!) {
    requestCaseExtension(id: $id, version: $version, until: $until, reason: $reason) {
      ...CaseSummary
    }
  }
`);

export const DECLINE_EXTENSION = graphql(`
  mutation DeclineCaseExtension($id: ID!, $version: Int!, $reason: String!) {
    declineCaseExtension(id: $id, version: $version, reason: $reason) {
      ...CaseSummary
    }
  }
`);

export const EXTEND_CASE = graphql(`
  mutation ExtendCaseDeadline($id: ID!, $version: Int!, $newDueAt: DateTime!, $reason: String!) {
    extendCaseDeadline(id: $id, version: $version, newDueAt: $newDueAt, reason: $reason) {
      ...CaseSummary
    }
  }
`);

export const REJECT_CASE = graphql(`
  mutation RejectCase($id: ID!, $version: Int!, $reason: String!) {
    rejectCase(id: $id, version: $version, reason: $reason) {
      ...CaseSummary
    }
  }
`);

export const DISPATCH_TO_LEADER = graphql(`
  mutation DispatchCaseToLeader($id: ID!, $version: Int!, $leaderId: ID!) {
    dispatchCase(id: $id, version: $version, leaderId: $leaderId) {
      ...CaseSummary
    }
  }
`);

export const RETURN_CASE = graphql(`
  mutation ReturnCase($id: ID!, $version: Int!, $reason: String!) {
    returnCase(id: $id, version: $version, reason: $reason) {
      ...CaseSummary
    }
  }
`);

export const CLOSE_CASE = graphql(`
  mutation CloseCase($id: ID!, $version: Int!, $comment: String) {
    closeCase(id: $id, version: $version, comment: $comment) {
      ...CaseSummary
    }
  }
`);

/** The serving leaders of a case's small grid and the grids above it: whom the command centre may dispatch it to. */
export const CASE_LEADERS_QUERY = graphql(`
  query CaseLeaders($id: ID!) {
    case(id: $id) {
      id
      grid {
        ...GridLeaders
        parent {
          ...GridLeaders
          parent {
            ...GridLeaders
          }
        }
      }
    }
  }
  fragment GridLeaders on Grid {
    id
    name
    level
    leaders {
      id
      name
      role
    }
  }
`);

/**
 * The command centre's queues (in a community when `gridId` names one), each a count and its
 * longest-waiting cases first: 待立案 REPORTED, 待派遣 FILED, 待核查 HANDLED, 超期 overdue,
 * 申请延期 an extension request waiting. The aliases are QUEUES' keys (wall/queues.ts).
 */
export const CASE_QUEUES_QUERY = graphql(`
  query CaseQueues($gridId: ID, $category: String, $order: CaseOrder, $first: Int!) {
    toFile: cases(gridId: $gridId, category: $category, order: $order, status: REPORTED, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    toDispatch: cases(gridId: $gridId, category: $category, order: $order, status: FILED, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    toVerify: cases(gridId: $gridId, category: $category, order: $order, status: HANDLED, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    overdue: cases(gridId: $gridId, category: $category, order: $order, overdue: true, open: true, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
    extension: cases(gridId: $gridId, category: $category, order: $order, extensionRequested: true, first: $first) {
      totalCount
      nodes {
        ...CaseSummary
      }
    }
  }
`);

export const COMMUNITIES_QUERY = graphql(`
  query Communities($after: String) {
    grids(level: LARGE, first: 500, after: $after) {
      nodes {
        id
        name
        code
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ESCALATE_CASE = graphql(`
  mutation EscalateCase($id: ID!, $version: Int!, $reason: String!) {
    escalateCase(id: $id, version: $version, reason: $reason) {
      ...CaseSummary
    }
  }
`);

export const DEPARTMENTS_QUERY = graphql(`
  query Departments {
    departments {
      id
      code
      name
      categories
    }
  }
`);

export const DISPATCH_TO_DEPARTMENT = graphql(`
  mutation DispatchCaseToDepartment($id: ID!, $version: Int!, $departmentId: ID!) {
    dispatchCase(id: $id, version: $version, departmentId: $departmentId) {
      ...CaseSummary
    }
  }
`);

/** Buildings within `meters` of a point: what a report may name as its place (楼栋). */
export const BUILDINGS_NEAR_QUERY = graphql(`
  query BuildingsNear($lng: Float!, $lat: Float!, $meters: Float!) {
    buildings(near: { lng: $lng, lat: $lat, meters: $meters }, first: 10) {
      nodes {
        id
        name
        address
        centroid
      }
    }
  }
`);

/**
 * Cases of one category in a box around a point, newest first: the candidates the report form
 * narrows to open ones within the duplicate radius before submitting (the caller's own scope).
 */
export const CASES_NEAR_QUERY = graphql(`
  query CasesNear($bbox: [Float!]!, $category: String!) {
    cases(bbox: $bbox, category: $category, first: 20, order: NEWEST) {
      nodes {
        ...CaseSummary
      }
    }
  }
`);

/** 案件热力 — the cases of a window per map cell and per day, in columns (the wall's time slider plays them back). */
export const CASE_HEATMAP_QUERY = graphql(`
  query CaseHeatmap($from: DateTime!, $to: DateTime!, $cellMeters: Int) {
    caseHeatmap(from: $from, to: $to, cellMeters: $cellMeters) {
      from
      days
      cellMeters
      lng
      lat
      cell
      day
      count
      late
      total
      truncated
    }
  }
`);

/** The KPI band's 12-week sparklines, one statement for every KPI. */
export const CASE_KPI_SERIES_QUERY = graphql(`
  query CaseKpiSeries($gridId: ID, $weeks: Int) {
    caseKpiSeries(gridId: $gridId, weeks: $weeks) {
      weekStarts
      reported
      open
      overdue
      closed
      onTimeClosureRate
      satisfaction
    }
  }
`);
