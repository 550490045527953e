/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n    mutation Login($login: String!, $password: String!) {\n      login(login: $login, password: $password) {\n        ...AuthPayload\n      }\n    }\n  ": typeof types.LoginDocument,
    "\n    mutation Refresh($refreshToken: String!) {\n      refresh(refreshToken: $refreshToken) {\n        ...AuthPayload\n      }\n    }\n  ": typeof types.RefreshDocument,
    "\n  fragment AuthPayload on AuthPayload {\n    accessToken\n    expiresIn\n    refreshToken\n    user {\n      id\n      login\n      displayName\n      role\n      gridIds\n    }\n  }\n": typeof types.AuthPayloadFragmentDoc,
    "\n  query OpenCases($first: Int!, $since: DateTime!) {\n    s_REPORTED: cases(status: REPORTED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_REPORTED: cases(status: REPORTED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_FILED: cases(status: FILED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_FILED: cases(status: FILED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_DISPATCHED: cases(status: DISPATCHED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_DISPATCHED: cases(status: DISPATCHED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_IN_PROGRESS: cases(status: IN_PROGRESS, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_IN_PROGRESS: cases(status: IN_PROGRESS, overdue: true, first: 1) {\n      totalCount\n    }\n    s_HANDLED: cases(status: HANDLED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_HANDLED: cases(status: HANDLED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_ESCALATED: cases(status: ESCALATED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_ESCALATED: cases(status: ESCALATED, overdue: true, first: 1) {\n      totalCount\n    }\n    today: cases(from: $since, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.OpenCasesDocument,
    "\n  query GridCaseFacts($gridId: ID!, $from: DateTime!, $to: DateTime!) {\n    s_REPORTED: cases(gridId: $gridId, status: REPORTED, first: 1) {\n      totalCount\n    }\n    o_REPORTED: cases(gridId: $gridId, status: REPORTED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_FILED: cases(gridId: $gridId, status: FILED, first: 1) {\n      totalCount\n    }\n    o_FILED: cases(gridId: $gridId, status: FILED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, first: 1) {\n      totalCount\n    }\n    o_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, first: 1) {\n      totalCount\n    }\n    o_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, overdue: true, first: 1) {\n      totalCount\n    }\n    s_HANDLED: cases(gridId: $gridId, status: HANDLED, first: 1) {\n      totalCount\n    }\n    o_HANDLED: cases(gridId: $gridId, status: HANDLED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_ESCALATED: cases(gridId: $gridId, status: ESCALATED, first: 1) {\n      totalCount\n    }\n    o_ESCALATED: cases(gridId: $gridId, status: ESCALATED, overdue: true, first: 1) {\n      totalCount\n    }\n    indicators: caseIndicators(gridId: $gridId, from: $from, to: $to) {\n      ...CaseIndicators\n    }\n  }\n": typeof types.GridCaseFactsDocument,
    "\n  query RecentCaseEvents($first: Int!) {\n    recentCaseEvents(first: $first) {\n      ...CaseFeedEvent\n    }\n  }\n": typeof types.RecentCaseEventsDocument,
    "\n  subscription CaseUpdates($after: ID) {\n    caseUpdates(after: $after) {\n      ...CaseFeedEvent\n    }\n  }\n": typeof types.CaseUpdatesDocument,
    "\n  query Case($id: ID!) {\n    case(id: $id) {\n      ...CaseSummary\n      feedback\n      photos\n      assignedLeaderName\n      department\n      pendingExtension {\n        eventId\n        until\n        reason\n        requestedBy\n        requestedAt\n      }\n      timeline {\n        id\n        type\n        at\n        actorName\n        actorRole\n        toStatus\n        note\n      }\n    }\n  }\n": typeof types.CaseDocument,
    "\n  query CaseCategories {\n    caseCategories {\n      code\n      nameZh\n      nameEn\n    }\n  }\n": typeof types.CaseCategoriesDocument,
    "\n  query LargeGridIds {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n      }\n    }\n  }\n": typeof types.LargeGridIdsDocument,
    "\n  query CaseIndicators($gridId: ID!, $from: DateTime!, $to: DateTime!) {\n    caseIndicators(gridId: $gridId, from: $from, to: $to) {\n      ...CaseIndicators\n    }\n  }\n": typeof types.CaseIndicatorsDocument,
    "\n  mutation ReportCase($input: ReportCaseInput!) {\n    reportCase(input: $input) {\n      created\n      case {\n        ...CaseSummary\n      }\n    }\n  }\n": typeof types.ReportCaseDocument,
    "\n  mutation FileCase($id: ID!, $version: Int!) {\n    fileCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n": typeof types.FileCaseDocument,
    "\n  mutation DispatchCase($id: ID!, $version: Int!) {\n    dispatchCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n": typeof types.DispatchCaseDocument,
    "\n  mutation StartCase($id: ID!, $version: Int!) {\n    startCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n": typeof types.StartCaseDocument,
    "\n  mutation HandleCase($id: ID!, $version: Int!, $feedback: String!, $photos: [String!]) {\n    handleCase(id: $id, version: $version, feedback: $feedback, photos: $photos) {\n      ...CaseSummary\n    }\n  }\n": typeof types.HandleCaseDocument,
    "\n  mutation RequestCaseExtension($id: ID!, $version: Int!, $until: DateTime!, $reason: String!) {\n    requestCaseExtension(id: $id, version: $version, until: $until, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": typeof types.RequestCaseExtensionDocument,
    "\n  mutation DeclineCaseExtension($id: ID!, $version: Int!, $reason: String!) {\n    declineCaseExtension(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": typeof types.DeclineCaseExtensionDocument,
    "\n  mutation ExtendCaseDeadline($id: ID!, $version: Int!, $newDueAt: DateTime!, $reason: String!) {\n    extendCaseDeadline(id: $id, version: $version, newDueAt: $newDueAt, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": typeof types.ExtendCaseDeadlineDocument,
    "\n  mutation RejectCase($id: ID!, $version: Int!, $reason: String!) {\n    rejectCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": typeof types.RejectCaseDocument,
    "\n  mutation DispatchCaseToLeader($id: ID!, $version: Int!, $leaderId: ID!) {\n    dispatchCase(id: $id, version: $version, leaderId: $leaderId) {\n      ...CaseSummary\n    }\n  }\n": typeof types.DispatchCaseToLeaderDocument,
    "\n  mutation ReturnCase($id: ID!, $version: Int!, $reason: String!) {\n    returnCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": typeof types.ReturnCaseDocument,
    "\n  mutation CloseCase($id: ID!, $version: Int!, $comment: String) {\n    closeCase(id: $id, version: $version, comment: $comment) {\n      ...CaseSummary\n    }\n  }\n": typeof types.CloseCaseDocument,
    "\n  query CaseLeaders($id: ID!) {\n    case(id: $id) {\n      id\n      grid {\n        ...GridLeaders\n        parent {\n          ...GridLeaders\n          parent {\n            ...GridLeaders\n          }\n        }\n      }\n    }\n  }\n  fragment GridLeaders on Grid {\n    id\n    name\n    level\n    leaders {\n      id\n      name\n      role\n    }\n  }\n": typeof types.CaseLeadersDocument,
    "\n  query CaseQueues($gridId: ID, $first: Int!) {\n    toFile: cases(gridId: $gridId, status: REPORTED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    toDispatch: cases(gridId: $gridId, status: FILED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    toVerify: cases(gridId: $gridId, status: HANDLED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    overdue: cases(gridId: $gridId, overdue: true, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    extension: cases(gridId: $gridId, extensionRequested: true, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n  }\n": typeof types.CaseQueuesDocument,
    "\n  query Communities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n        code\n      }\n    }\n  }\n": typeof types.CommunitiesDocument,
    "\n  mutation EscalateCase($id: ID!, $version: Int!, $reason: String!) {\n    escalateCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": typeof types.EscalateCaseDocument,
    "\n  query Departments {\n    departments {\n      id\n      code\n      name\n      categories\n    }\n  }\n": typeof types.DepartmentsDocument,
    "\n  mutation DispatchCaseToDepartment($id: ID!, $version: Int!, $departmentId: ID!) {\n    dispatchCase(id: $id, version: $version, departmentId: $departmentId) {\n      ...CaseSummary\n    }\n  }\n": typeof types.DispatchCaseToDepartmentDocument,
    "\n  fragment CaseSummary on Case {\n    id\n    number\n    status\n    category\n    description\n    address\n    priority\n    overdue\n    reportedAt\n    dueAt\n    gridId\n    version\n    location\n  }\n": typeof types.CaseSummaryFragmentDoc,
    "\n  fragment CaseFeedEvent on CaseEvent {\n    id\n    type\n    at\n    actorName\n    toStatus\n    caseId\n    version\n    case {\n      ...CaseSummary\n    }\n  }\n": typeof types.CaseFeedEventFragmentDoc,
    "\n  fragment CaseIndicators on CaseIndicators {\n    filed\n    closed\n    closedOnTime\n    dueToClose\n    rated\n    onTimeClosureRate\n    satisfaction\n  }\n": typeof types.CaseIndicatorsFragmentDoc,
    "\n  query LeaderGrid($id: ID!) {\n    grid(id: $id) {\n      id\n      geometry\n    }\n  }\n": typeof types.LeaderGridDocument,
    "\n  query LedCommunities($level: GridLevel!) {\n    grids(level: $level, first: 20) {\n      nodes {\n        id\n        name\n        level\n      }\n    }\n  }\n": typeof types.LedCommunitiesDocument,
    "\n  query LeaderTeams($communityId: ID!) {\n    volunteerTeams(communityId: $communityId) {\n      id\n      name\n      kind\n    }\n    teamActivities(communityId: $communityId, first: 20) {\n      id\n      teamName\n      title\n      place\n      startsAt\n      capacity\n      signups {\n        registrationId\n        attended\n        hours\n        helper {\n          name\n        }\n      }\n    }\n  }\n": typeof types.LeaderTeamsDocument,
    "\n  mutation CreateTeam($communityId: ID!, $name: String!, $kind: String!) {\n    createVolunteerTeam(communityId: $communityId, name: $name, kind: $kind) {\n      id\n    }\n  }\n": typeof types.CreateTeamDocument,
    "\n  mutation CreateActivity($input: ActivityInput!) {\n    createTeamActivity(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateActivityDocument,
    "\n  mutation RecordAttendance($activityId: ID!, $registrationId: ID!, $attended: Boolean!, $hours: Float) {\n    recordAttendance(activityId: $activityId, registrationId: $registrationId, attended: $attended, hours: $hours) {\n      attended\n    }\n  }\n": typeof types.RecordAttendanceDocument,
    "\n  mutation RecordVisit($input: VisitInput!) {\n    recordVisit(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordVisitDocument,
    "\n  query ServiceMap($gridId: ID!, $period: String) {\n    serviceMap(gridId: $gridId, period: $period)\n  }\n": typeof types.ServiceMapDocument,
    "\n  subscription ServiceUpdates {\n    serviceUpdates {\n      id\n      subject\n      type\n      gridId\n    }\n  }\n": typeof types.ServiceUpdatesDocument,
    "\n  query ServiceCommunities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ServiceCommunitiesDocument,
    "\n  fragment ServiceSkill on ServiceSkill {\n    code\n    nameZh\n    nameEn\n  }\n": typeof types.ServiceSkillFragmentDoc,
    "\n  query LeaderServices($gridId: ID, $period: String!) {\n    serviceNeeds(gridId: $gridId, status: OPEN, first: 50) {\n      totalCount\n      nodes {\n        id\n        type\n        urgency\n        notes\n        weekday\n        startMinute\n        endMinute\n        household {\n          address\n        }\n      }\n    }\n    serviceMatches(gridId: $gridId, period: $period, status: PROPOSED, first: 50) {\n      totalCount\n      nodes {\n        id\n        version\n        status\n        distanceM\n        explanation\n        helper {\n          id\n          name\n        }\n        need {\n          type\n          household {\n            address\n          }\n        }\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n    serviceRegistrations(first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        kind\n        unitName\n        skills\n        radiusM\n        weeklyCapacity\n      }\n    }\n    microWishes(gridId: $gridId, status: SUBMITTED, first: 50) {\n      totalCount\n      nodes {\n        id\n        version\n        title\n        description\n      }\n    }\n  }\n": typeof types.LeaderServicesDocument,
    "\n  mutation ReassignMatch($id: ID!, $version: Int!, $registrationId: ID!) {\n    reassignMatch(id: $id, version: $version, registrationId: $registrationId) {\n      id\n      status\n    }\n  }\n": typeof types.ReassignMatchDocument,
    "\n  mutation ReviewWish($id: ID!, $version: Int!, $publish: Boolean!, $reason: String) {\n    reviewWish(id: $id, version: $version, publish: $publish, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.ReviewWishDocument,
    "\n  query LeaderVisits($gridId: ID!) {\n    visitSchedule(gridId: $gridId, first: 50) {\n      householdId\n      address\n      nextDueAt\n      overdue\n      tags\n      intervalDays\n    }\n  }\n": typeof types.LeaderVisitsDocument,
    "\n  mutation ConfirmMatch($id: ID!, $version: Int!) {\n    confirmMatch(id: $id, version: $version) {\n      id\n      status\n    }\n  }\n": typeof types.ConfirmMatchDocument,
    "\n  mutation RejectMatch($id: ID!, $version: Int!, $reason: String!) {\n    rejectMatch(id: $id, version: $version, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.RejectMatchDocument,
    "\n  mutation ProposeMatches($gridId: ID!, $period: String!) {\n    proposeMatches(gridId: $gridId, period: $period) {\n      needs\n      proposals {\n        id\n      }\n    }\n  }\n": typeof types.ProposeMatchesDocument,
    "\n  query Streets {\n    streets {\n      id\n      code\n      name\n      geometry\n      bbox\n    }\n  }\n": typeof types.StreetsDocument,
    "\n  query GridShapes($level: GridLevel!, $first: Int!, $after: String) {\n    grids(level: $level, first: $first, after: $after) {\n      nodes {\n        ...GridShape\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n\n  fragment GridShape on Grid {\n    id\n    code\n    name\n    level\n    parentId\n    geometry\n    labelPoint\n  }\n": typeof types.GridShapesDocument,
    "\n  query GridCount($level: GridLevel!) {\n    grids(level: $level, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.GridCountDocument,
    "\n  query GridAt($lng: Float!, $lat: Float!) {\n    gridAt(lng: $lng, lat: $lat) {\n      ...GridDetail\n    }\n  }\n\n  fragment GridDetail on Grid {\n    id\n    code\n    name\n    level\n    areaM2\n    counts {\n      buildings\n      households\n      residents\n    }\n    leaders {\n      id\n      name\n      role\n      since\n    }\n  }\n": typeof types.GridAtDocument,
    "\n  query ConsoleUsers($search: String, $after: String) {\n    users(search: $search, first: 50, after: $after) {\n      totalCount\n      nodes {\n        id\n        login\n        displayName\n        role\n        disabled\n        gridCodes\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ConsoleUsersDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      password\n      user {\n        id\n        login\n      }\n    }\n  }\n": typeof types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleSetUserDisabled($id: ID!, $disabled: Boolean!, $reason: String!) {\n    setUserDisabled(id: $id, disabled: $disabled, reason: $reason) {\n      id\n      disabled\n    }\n  }\n": typeof types.ConsoleSetUserDisabledDocument,
    "\n  mutation ConsoleResetUserPassword($id: ID!, $reason: String!) {\n    resetUserPassword(id: $id, reason: $reason) {\n      password\n      user {\n        id\n        login\n      }\n    }\n  }\n": typeof types.ConsoleResetUserPasswordDocument,
    "\n  query ConsoleGrid($code: String!) {\n    grid(code: $code) {\n      id\n      code\n      name\n      level\n      leaders {\n        id\n        name\n        role\n        since\n      }\n      partyOrganization {\n        id\n        name\n        secretaryName\n      }\n    }\n  }\n": typeof types.ConsoleGridDocument,
    "\n  query ConsoleGridResidents($gridId: ID!, $search: String) {\n    residents(gridId: $gridId, search: $search, first: 50) {\n      nodes {\n        id\n        name\n        birthYear\n        isPartyMember\n      }\n    }\n  }\n": typeof types.ConsoleGridResidentsDocument,
    "\n  mutation ConsoleAppointLeader($input: AppointGridLeaderInput!) {\n    appointGridLeader(input: $input) {\n      id\n      name\n      role\n      since\n    }\n  }\n": typeof types.ConsoleAppointLeaderDocument,
    "\n  mutation ConsoleEndLeader($id: ID!) {\n    endGridLeader(id: $id) {\n      id\n      until\n    }\n  }\n": typeof types.ConsoleEndLeaderDocument,
    "\n  query DepartmentInbox($order: CaseOrder!, $first: Int!, $after: String) {\n    me {\n      id\n      departmentName\n    }\n    cases(order: $order, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DepartmentInboxDocument,
    "\n  query EchoWall($communityCode: String!) {\n    echoWall(communityCode: $communityCode, first: 100) {\n      id\n      kind\n      title\n      outcome\n      thanks\n      compound\n      doneAt\n    }\n  }\n": typeof types.EchoWallDocument,
    "\n  query EchoCommunities {\n    echoCommunities {\n      code\n      name\n    }\n  }\n": typeof types.EchoCommunitiesDocument,
    "\n  mutation RegisterMyself($input: RegistrationInput!) {\n    registerForService(input: $input) {\n      id\n    }\n  }\n": typeof types.RegisterMyselfDocument,
    "\n  query HelperHome($from: DateTime!, $to: DateTime!) {\n    me {\n      id\n      registrations {\n        id\n        name\n        kind\n        communityId\n        location\n        skills\n        radiusM\n        weeklyCapacity\n        hours(from: $from, to: $to)\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n  }\n": typeof types.HelperHomeDocument,
    "\n  fragment HelperTask on ServiceMatch {\n    id\n    version\n    status\n    period\n    distanceM\n    explanation\n    window {\n      weekday\n      startMinute\n      endMinute\n    }\n    need {\n      id\n      type\n      urgency\n      notes\n      address\n      weekday\n      startMinute\n      endMinute\n    }\n  }\n": typeof types.HelperTaskFragmentDoc,
    "\n  query HelperTasks($registrationId: ID!) {\n    serviceMatches(registrationId: $registrationId, first: 100) {\n      totalCount\n      nodes {\n        ...HelperTask\n      }\n    }\n  }\n": typeof types.HelperTasksDocument,
    "\n  fragment HelperWish on MicroWish {\n    id\n    version\n    title\n    description\n    status\n    address\n  }\n": typeof types.HelperWishFragmentDoc,
    "\n  query HelperWishes($registrationId: ID!, $lng: Float!, $lat: Float!, $meters: Float!) {\n    mine: microWishes(helperId: $registrationId, status: CLAIMED, first: 50) {\n      nodes {\n        ...HelperWish\n      }\n    }\n    nearby: claimableWishes(lng: $lng, lat: $lat, meters: $meters, first: 20) {\n      ...HelperWish\n    }\n  }\n": typeof types.HelperWishesDocument,
    "\n  mutation AcceptMatch($id: ID!, $version: Int!, $registrationId: ID!) {\n    acceptMatch(id: $id, version: $version, registrationId: $registrationId) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.AcceptMatchDocument,
    "\n  mutation DeclineMatch($id: ID!, $version: Int!, $registrationId: ID!, $reason: String) {\n    declineMatch(id: $id, version: $version, registrationId: $registrationId, reason: $reason) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.DeclineMatchDocument,
    "\n  mutation CompleteMatch($id: ID!, $version: Int!, $hours: Float!, $note: String) {\n    completeMatch(id: $id, version: $version, hours: $hours, note: $note) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.CompleteMatchDocument,
    "\n  mutation ClaimWish($id: ID!, $registrationId: ID!) {\n    claimWish(id: $id, registrationId: $registrationId) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.ClaimWishDocument,
    "\n  mutation FulfilWish($id: ID!, $version: Int!, $registrationId: ID!, $note: String!, $photo: String) {\n    fulfilWish(id: $id, version: $version, registrationId: $registrationId, note: $note, photo: $photo) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.FulfilWishDocument,
    "\n  query HelperActivities($communityId: ID!, $registrationId: ID!) {\n    teamActivities(communityId: $communityId, first: 20) {\n      id\n      teamName\n      title\n      place\n      startsAt\n      endsAt\n      capacity\n      signedUp\n      joined(registrationId: $registrationId)\n    }\n  }\n": typeof types.HelperActivitiesDocument,
    "\n  mutation SignUpForActivity($activityId: ID!, $registrationId: ID!) {\n    signUpForActivity(activityId: $activityId, registrationId: $registrationId) {\n      activityId\n    }\n  }\n": typeof types.SignUpForActivityDocument,
    "\n  query LeaderBuildings($gridId: ID, $first: Int!, $after: String) {\n    buildings(gridId: $gridId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        name\n        address\n        floors\n        units\n      }\n    }\n  }\n": typeof types.LeaderBuildingsDocument,
    "\n  query LeaderHouseholds($gridId: ID, $tags: [HouseholdTag!], $first: Int!, $after: String) {\n    households(gridId: $gridId, tags: $tags, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        address\n        size\n        tags\n      }\n    }\n  }\n": typeof types.LeaderHouseholdsDocument,
    "\n  query LeaderResidents($gridId: ID, $search: String, $first: Int!, $after: String) {\n    residents(gridId: $gridId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        name\n        phone\n        relation\n        birthYear\n        household {\n          address\n        }\n      }\n    }\n  }\n": typeof types.LeaderResidentsDocument,
    "\n  query ResidentHome {\n    microWishes(mine: true, first: 50) {\n      nodes {\n        id\n        version\n        title\n        description\n        status\n        rejectReason\n        fulfilNote\n        thanks\n      }\n    }\n    serviceNeeds(first: 50) {\n      nodes {\n        id\n        version\n        type\n        urgency\n        status\n        weekday\n        startMinute\n        endMinute\n        notes\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n    grids(level: LARGE, first: 1) {\n      nodes {\n        id\n        code\n        name\n      }\n    }\n  }\n": typeof types.ResidentHomeDocument,
    "\n  mutation PostOwnWish($title: String!, $description: String!, $posterName: String!) {\n    postWish(input: { title: $title, description: $description, posterName: $posterName }) {\n      id\n    }\n  }\n": typeof types.PostOwnWishDocument,
    "\n  mutation ThankWish($id: ID!, $version: Int!, $thanks: String!) {\n    thankWish(id: $id, version: $version, thanks: $thanks) {\n      id\n      status\n    }\n  }\n": typeof types.ThankWishDocument,
    "\n  mutation RaiseOwnNeed($type: String!, $urgency: NeedUrgency!, $window: WeeklyWindowInput!, $durationMinutes: Int, $notes: String) {\n    raiseNeed(\n      input: { type: $type, urgency: $urgency, source: RESIDENT, window: $window, durationMinutes: $durationMinutes, notes: $notes }\n    ) {\n      id\n    }\n  }\n": typeof types.RaiseOwnNeedDocument,
    "\n  mutation CancelOwnNeed($id: ID!, $version: Int!, $reason: String!) {\n    cancelNeed(id: $id, version: $version, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.CancelOwnNeedDocument,
    "\n  query OwnCases($first: Int!) {\n    cases(first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    buildings(first: 1) {\n      nodes {\n        id\n        name\n        address\n        centroid\n      }\n    }\n  }\n": typeof types.OwnCasesDocument,
    "\n  mutation RateOwnCase($id: ID!, $version: Int!, $rating: Int!, $comment: String) {\n    rateCase(id: $id, version: $version, rating: $rating, comment: $comment) {\n      ...CaseSummary\n    }\n  }\n": typeof types.RateOwnCaseDocument,
    "\n  query GridByCode($code: String!) {\n    grid(code: $code) {\n      id\n      geometry\n    }\n  }\n": typeof types.GridByCodeDocument,
    "\n  query CaseByNumber($number: String!) {\n    caseByNumber(number: $number) {\n      id\n    }\n  }\n": typeof types.CaseByNumberDocument,
    "\n  query TourCommunities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n        geometry\n      }\n    }\n  }\n": typeof types.TourCommunitiesDocument,
};
const documents: Documents = {
    "\n    mutation Login($login: String!, $password: String!) {\n      login(login: $login, password: $password) {\n        ...AuthPayload\n      }\n    }\n  ": types.LoginDocument,
    "\n    mutation Refresh($refreshToken: String!) {\n      refresh(refreshToken: $refreshToken) {\n        ...AuthPayload\n      }\n    }\n  ": types.RefreshDocument,
    "\n  fragment AuthPayload on AuthPayload {\n    accessToken\n    expiresIn\n    refreshToken\n    user {\n      id\n      login\n      displayName\n      role\n      gridIds\n    }\n  }\n": types.AuthPayloadFragmentDoc,
    "\n  query OpenCases($first: Int!, $since: DateTime!) {\n    s_REPORTED: cases(status: REPORTED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_REPORTED: cases(status: REPORTED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_FILED: cases(status: FILED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_FILED: cases(status: FILED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_DISPATCHED: cases(status: DISPATCHED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_DISPATCHED: cases(status: DISPATCHED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_IN_PROGRESS: cases(status: IN_PROGRESS, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_IN_PROGRESS: cases(status: IN_PROGRESS, overdue: true, first: 1) {\n      totalCount\n    }\n    s_HANDLED: cases(status: HANDLED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_HANDLED: cases(status: HANDLED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_ESCALATED: cases(status: ESCALATED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_ESCALATED: cases(status: ESCALATED, overdue: true, first: 1) {\n      totalCount\n    }\n    today: cases(from: $since, first: 1) {\n      totalCount\n    }\n  }\n": types.OpenCasesDocument,
    "\n  query GridCaseFacts($gridId: ID!, $from: DateTime!, $to: DateTime!) {\n    s_REPORTED: cases(gridId: $gridId, status: REPORTED, first: 1) {\n      totalCount\n    }\n    o_REPORTED: cases(gridId: $gridId, status: REPORTED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_FILED: cases(gridId: $gridId, status: FILED, first: 1) {\n      totalCount\n    }\n    o_FILED: cases(gridId: $gridId, status: FILED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, first: 1) {\n      totalCount\n    }\n    o_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, first: 1) {\n      totalCount\n    }\n    o_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, overdue: true, first: 1) {\n      totalCount\n    }\n    s_HANDLED: cases(gridId: $gridId, status: HANDLED, first: 1) {\n      totalCount\n    }\n    o_HANDLED: cases(gridId: $gridId, status: HANDLED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_ESCALATED: cases(gridId: $gridId, status: ESCALATED, first: 1) {\n      totalCount\n    }\n    o_ESCALATED: cases(gridId: $gridId, status: ESCALATED, overdue: true, first: 1) {\n      totalCount\n    }\n    indicators: caseIndicators(gridId: $gridId, from: $from, to: $to) {\n      ...CaseIndicators\n    }\n  }\n": types.GridCaseFactsDocument,
    "\n  query RecentCaseEvents($first: Int!) {\n    recentCaseEvents(first: $first) {\n      ...CaseFeedEvent\n    }\n  }\n": types.RecentCaseEventsDocument,
    "\n  subscription CaseUpdates($after: ID) {\n    caseUpdates(after: $after) {\n      ...CaseFeedEvent\n    }\n  }\n": types.CaseUpdatesDocument,
    "\n  query Case($id: ID!) {\n    case(id: $id) {\n      ...CaseSummary\n      feedback\n      photos\n      assignedLeaderName\n      department\n      pendingExtension {\n        eventId\n        until\n        reason\n        requestedBy\n        requestedAt\n      }\n      timeline {\n        id\n        type\n        at\n        actorName\n        actorRole\n        toStatus\n        note\n      }\n    }\n  }\n": types.CaseDocument,
    "\n  query CaseCategories {\n    caseCategories {\n      code\n      nameZh\n      nameEn\n    }\n  }\n": types.CaseCategoriesDocument,
    "\n  query LargeGridIds {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n      }\n    }\n  }\n": types.LargeGridIdsDocument,
    "\n  query CaseIndicators($gridId: ID!, $from: DateTime!, $to: DateTime!) {\n    caseIndicators(gridId: $gridId, from: $from, to: $to) {\n      ...CaseIndicators\n    }\n  }\n": types.CaseIndicatorsDocument,
    "\n  mutation ReportCase($input: ReportCaseInput!) {\n    reportCase(input: $input) {\n      created\n      case {\n        ...CaseSummary\n      }\n    }\n  }\n": types.ReportCaseDocument,
    "\n  mutation FileCase($id: ID!, $version: Int!) {\n    fileCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n": types.FileCaseDocument,
    "\n  mutation DispatchCase($id: ID!, $version: Int!) {\n    dispatchCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n": types.DispatchCaseDocument,
    "\n  mutation StartCase($id: ID!, $version: Int!) {\n    startCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n": types.StartCaseDocument,
    "\n  mutation HandleCase($id: ID!, $version: Int!, $feedback: String!, $photos: [String!]) {\n    handleCase(id: $id, version: $version, feedback: $feedback, photos: $photos) {\n      ...CaseSummary\n    }\n  }\n": types.HandleCaseDocument,
    "\n  mutation RequestCaseExtension($id: ID!, $version: Int!, $until: DateTime!, $reason: String!) {\n    requestCaseExtension(id: $id, version: $version, until: $until, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": types.RequestCaseExtensionDocument,
    "\n  mutation DeclineCaseExtension($id: ID!, $version: Int!, $reason: String!) {\n    declineCaseExtension(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": types.DeclineCaseExtensionDocument,
    "\n  mutation ExtendCaseDeadline($id: ID!, $version: Int!, $newDueAt: DateTime!, $reason: String!) {\n    extendCaseDeadline(id: $id, version: $version, newDueAt: $newDueAt, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": types.ExtendCaseDeadlineDocument,
    "\n  mutation RejectCase($id: ID!, $version: Int!, $reason: String!) {\n    rejectCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": types.RejectCaseDocument,
    "\n  mutation DispatchCaseToLeader($id: ID!, $version: Int!, $leaderId: ID!) {\n    dispatchCase(id: $id, version: $version, leaderId: $leaderId) {\n      ...CaseSummary\n    }\n  }\n": types.DispatchCaseToLeaderDocument,
    "\n  mutation ReturnCase($id: ID!, $version: Int!, $reason: String!) {\n    returnCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": types.ReturnCaseDocument,
    "\n  mutation CloseCase($id: ID!, $version: Int!, $comment: String) {\n    closeCase(id: $id, version: $version, comment: $comment) {\n      ...CaseSummary\n    }\n  }\n": types.CloseCaseDocument,
    "\n  query CaseLeaders($id: ID!) {\n    case(id: $id) {\n      id\n      grid {\n        ...GridLeaders\n        parent {\n          ...GridLeaders\n          parent {\n            ...GridLeaders\n          }\n        }\n      }\n    }\n  }\n  fragment GridLeaders on Grid {\n    id\n    name\n    level\n    leaders {\n      id\n      name\n      role\n    }\n  }\n": types.CaseLeadersDocument,
    "\n  query CaseQueues($gridId: ID, $first: Int!) {\n    toFile: cases(gridId: $gridId, status: REPORTED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    toDispatch: cases(gridId: $gridId, status: FILED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    toVerify: cases(gridId: $gridId, status: HANDLED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    overdue: cases(gridId: $gridId, overdue: true, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    extension: cases(gridId: $gridId, extensionRequested: true, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n  }\n": types.CaseQueuesDocument,
    "\n  query Communities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n        code\n      }\n    }\n  }\n": types.CommunitiesDocument,
    "\n  mutation EscalateCase($id: ID!, $version: Int!, $reason: String!) {\n    escalateCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n": types.EscalateCaseDocument,
    "\n  query Departments {\n    departments {\n      id\n      code\n      name\n      categories\n    }\n  }\n": types.DepartmentsDocument,
    "\n  mutation DispatchCaseToDepartment($id: ID!, $version: Int!, $departmentId: ID!) {\n    dispatchCase(id: $id, version: $version, departmentId: $departmentId) {\n      ...CaseSummary\n    }\n  }\n": types.DispatchCaseToDepartmentDocument,
    "\n  fragment CaseSummary on Case {\n    id\n    number\n    status\n    category\n    description\n    address\n    priority\n    overdue\n    reportedAt\n    dueAt\n    gridId\n    version\n    location\n  }\n": types.CaseSummaryFragmentDoc,
    "\n  fragment CaseFeedEvent on CaseEvent {\n    id\n    type\n    at\n    actorName\n    toStatus\n    caseId\n    version\n    case {\n      ...CaseSummary\n    }\n  }\n": types.CaseFeedEventFragmentDoc,
    "\n  fragment CaseIndicators on CaseIndicators {\n    filed\n    closed\n    closedOnTime\n    dueToClose\n    rated\n    onTimeClosureRate\n    satisfaction\n  }\n": types.CaseIndicatorsFragmentDoc,
    "\n  query LeaderGrid($id: ID!) {\n    grid(id: $id) {\n      id\n      geometry\n    }\n  }\n": types.LeaderGridDocument,
    "\n  query LedCommunities($level: GridLevel!) {\n    grids(level: $level, first: 20) {\n      nodes {\n        id\n        name\n        level\n      }\n    }\n  }\n": types.LedCommunitiesDocument,
    "\n  query LeaderTeams($communityId: ID!) {\n    volunteerTeams(communityId: $communityId) {\n      id\n      name\n      kind\n    }\n    teamActivities(communityId: $communityId, first: 20) {\n      id\n      teamName\n      title\n      place\n      startsAt\n      capacity\n      signups {\n        registrationId\n        attended\n        hours\n        helper {\n          name\n        }\n      }\n    }\n  }\n": types.LeaderTeamsDocument,
    "\n  mutation CreateTeam($communityId: ID!, $name: String!, $kind: String!) {\n    createVolunteerTeam(communityId: $communityId, name: $name, kind: $kind) {\n      id\n    }\n  }\n": types.CreateTeamDocument,
    "\n  mutation CreateActivity($input: ActivityInput!) {\n    createTeamActivity(input: $input) {\n      id\n    }\n  }\n": types.CreateActivityDocument,
    "\n  mutation RecordAttendance($activityId: ID!, $registrationId: ID!, $attended: Boolean!, $hours: Float) {\n    recordAttendance(activityId: $activityId, registrationId: $registrationId, attended: $attended, hours: $hours) {\n      attended\n    }\n  }\n": types.RecordAttendanceDocument,
    "\n  mutation RecordVisit($input: VisitInput!) {\n    recordVisit(input: $input) {\n      id\n    }\n  }\n": types.RecordVisitDocument,
    "\n  query ServiceMap($gridId: ID!, $period: String) {\n    serviceMap(gridId: $gridId, period: $period)\n  }\n": types.ServiceMapDocument,
    "\n  subscription ServiceUpdates {\n    serviceUpdates {\n      id\n      subject\n      type\n      gridId\n    }\n  }\n": types.ServiceUpdatesDocument,
    "\n  query ServiceCommunities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.ServiceCommunitiesDocument,
    "\n  fragment ServiceSkill on ServiceSkill {\n    code\n    nameZh\n    nameEn\n  }\n": types.ServiceSkillFragmentDoc,
    "\n  query LeaderServices($gridId: ID, $period: String!) {\n    serviceNeeds(gridId: $gridId, status: OPEN, first: 50) {\n      totalCount\n      nodes {\n        id\n        type\n        urgency\n        notes\n        weekday\n        startMinute\n        endMinute\n        household {\n          address\n        }\n      }\n    }\n    serviceMatches(gridId: $gridId, period: $period, status: PROPOSED, first: 50) {\n      totalCount\n      nodes {\n        id\n        version\n        status\n        distanceM\n        explanation\n        helper {\n          id\n          name\n        }\n        need {\n          type\n          household {\n            address\n          }\n        }\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n    serviceRegistrations(first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        kind\n        unitName\n        skills\n        radiusM\n        weeklyCapacity\n      }\n    }\n    microWishes(gridId: $gridId, status: SUBMITTED, first: 50) {\n      totalCount\n      nodes {\n        id\n        version\n        title\n        description\n      }\n    }\n  }\n": types.LeaderServicesDocument,
    "\n  mutation ReassignMatch($id: ID!, $version: Int!, $registrationId: ID!) {\n    reassignMatch(id: $id, version: $version, registrationId: $registrationId) {\n      id\n      status\n    }\n  }\n": types.ReassignMatchDocument,
    "\n  mutation ReviewWish($id: ID!, $version: Int!, $publish: Boolean!, $reason: String) {\n    reviewWish(id: $id, version: $version, publish: $publish, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.ReviewWishDocument,
    "\n  query LeaderVisits($gridId: ID!) {\n    visitSchedule(gridId: $gridId, first: 50) {\n      householdId\n      address\n      nextDueAt\n      overdue\n      tags\n      intervalDays\n    }\n  }\n": types.LeaderVisitsDocument,
    "\n  mutation ConfirmMatch($id: ID!, $version: Int!) {\n    confirmMatch(id: $id, version: $version) {\n      id\n      status\n    }\n  }\n": types.ConfirmMatchDocument,
    "\n  mutation RejectMatch($id: ID!, $version: Int!, $reason: String!) {\n    rejectMatch(id: $id, version: $version, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.RejectMatchDocument,
    "\n  mutation ProposeMatches($gridId: ID!, $period: String!) {\n    proposeMatches(gridId: $gridId, period: $period) {\n      needs\n      proposals {\n        id\n      }\n    }\n  }\n": types.ProposeMatchesDocument,
    "\n  query Streets {\n    streets {\n      id\n      code\n      name\n      geometry\n      bbox\n    }\n  }\n": types.StreetsDocument,
    "\n  query GridShapes($level: GridLevel!, $first: Int!, $after: String) {\n    grids(level: $level, first: $first, after: $after) {\n      nodes {\n        ...GridShape\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n\n  fragment GridShape on Grid {\n    id\n    code\n    name\n    level\n    parentId\n    geometry\n    labelPoint\n  }\n": types.GridShapesDocument,
    "\n  query GridCount($level: GridLevel!) {\n    grids(level: $level, first: 1) {\n      totalCount\n    }\n  }\n": types.GridCountDocument,
    "\n  query GridAt($lng: Float!, $lat: Float!) {\n    gridAt(lng: $lng, lat: $lat) {\n      ...GridDetail\n    }\n  }\n\n  fragment GridDetail on Grid {\n    id\n    code\n    name\n    level\n    areaM2\n    counts {\n      buildings\n      households\n      residents\n    }\n    leaders {\n      id\n      name\n      role\n      since\n    }\n  }\n": types.GridAtDocument,
    "\n  query ConsoleUsers($search: String, $after: String) {\n    users(search: $search, first: 50, after: $after) {\n      totalCount\n      nodes {\n        id\n        login\n        displayName\n        role\n        disabled\n        gridCodes\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ConsoleUsersDocument,
    "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      password\n      user {\n        id\n        login\n      }\n    }\n  }\n": types.ConsoleCreateUserDocument,
    "\n  mutation ConsoleSetUserDisabled($id: ID!, $disabled: Boolean!, $reason: String!) {\n    setUserDisabled(id: $id, disabled: $disabled, reason: $reason) {\n      id\n      disabled\n    }\n  }\n": types.ConsoleSetUserDisabledDocument,
    "\n  mutation ConsoleResetUserPassword($id: ID!, $reason: String!) {\n    resetUserPassword(id: $id, reason: $reason) {\n      password\n      user {\n        id\n        login\n      }\n    }\n  }\n": types.ConsoleResetUserPasswordDocument,
    "\n  query ConsoleGrid($code: String!) {\n    grid(code: $code) {\n      id\n      code\n      name\n      level\n      leaders {\n        id\n        name\n        role\n        since\n      }\n      partyOrganization {\n        id\n        name\n        secretaryName\n      }\n    }\n  }\n": types.ConsoleGridDocument,
    "\n  query ConsoleGridResidents($gridId: ID!, $search: String) {\n    residents(gridId: $gridId, search: $search, first: 50) {\n      nodes {\n        id\n        name\n        birthYear\n        isPartyMember\n      }\n    }\n  }\n": types.ConsoleGridResidentsDocument,
    "\n  mutation ConsoleAppointLeader($input: AppointGridLeaderInput!) {\n    appointGridLeader(input: $input) {\n      id\n      name\n      role\n      since\n    }\n  }\n": types.ConsoleAppointLeaderDocument,
    "\n  mutation ConsoleEndLeader($id: ID!) {\n    endGridLeader(id: $id) {\n      id\n      until\n    }\n  }\n": types.ConsoleEndLeaderDocument,
    "\n  query DepartmentInbox($order: CaseOrder!, $first: Int!, $after: String) {\n    me {\n      id\n      departmentName\n    }\n    cases(order: $order, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DepartmentInboxDocument,
    "\n  query EchoWall($communityCode: String!) {\n    echoWall(communityCode: $communityCode, first: 100) {\n      id\n      kind\n      title\n      outcome\n      thanks\n      compound\n      doneAt\n    }\n  }\n": types.EchoWallDocument,
    "\n  query EchoCommunities {\n    echoCommunities {\n      code\n      name\n    }\n  }\n": types.EchoCommunitiesDocument,
    "\n  mutation RegisterMyself($input: RegistrationInput!) {\n    registerForService(input: $input) {\n      id\n    }\n  }\n": types.RegisterMyselfDocument,
    "\n  query HelperHome($from: DateTime!, $to: DateTime!) {\n    me {\n      id\n      registrations {\n        id\n        name\n        kind\n        communityId\n        location\n        skills\n        radiusM\n        weeklyCapacity\n        hours(from: $from, to: $to)\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n  }\n": types.HelperHomeDocument,
    "\n  fragment HelperTask on ServiceMatch {\n    id\n    version\n    status\n    period\n    distanceM\n    explanation\n    window {\n      weekday\n      startMinute\n      endMinute\n    }\n    need {\n      id\n      type\n      urgency\n      notes\n      address\n      weekday\n      startMinute\n      endMinute\n    }\n  }\n": types.HelperTaskFragmentDoc,
    "\n  query HelperTasks($registrationId: ID!) {\n    serviceMatches(registrationId: $registrationId, first: 100) {\n      totalCount\n      nodes {\n        ...HelperTask\n      }\n    }\n  }\n": types.HelperTasksDocument,
    "\n  fragment HelperWish on MicroWish {\n    id\n    version\n    title\n    description\n    status\n    address\n  }\n": types.HelperWishFragmentDoc,
    "\n  query HelperWishes($registrationId: ID!, $lng: Float!, $lat: Float!, $meters: Float!) {\n    mine: microWishes(helperId: $registrationId, status: CLAIMED, first: 50) {\n      nodes {\n        ...HelperWish\n      }\n    }\n    nearby: claimableWishes(lng: $lng, lat: $lat, meters: $meters, first: 20) {\n      ...HelperWish\n    }\n  }\n": types.HelperWishesDocument,
    "\n  mutation AcceptMatch($id: ID!, $version: Int!, $registrationId: ID!) {\n    acceptMatch(id: $id, version: $version, registrationId: $registrationId) {\n      id\n      version\n      status\n    }\n  }\n": types.AcceptMatchDocument,
    "\n  mutation DeclineMatch($id: ID!, $version: Int!, $registrationId: ID!, $reason: String) {\n    declineMatch(id: $id, version: $version, registrationId: $registrationId, reason: $reason) {\n      id\n      version\n      status\n    }\n  }\n": types.DeclineMatchDocument,
    "\n  mutation CompleteMatch($id: ID!, $version: Int!, $hours: Float!, $note: String) {\n    completeMatch(id: $id, version: $version, hours: $hours, note: $note) {\n      id\n      version\n      status\n    }\n  }\n": types.CompleteMatchDocument,
    "\n  mutation ClaimWish($id: ID!, $registrationId: ID!) {\n    claimWish(id: $id, registrationId: $registrationId) {\n      id\n      version\n      status\n    }\n  }\n": types.ClaimWishDocument,
    "\n  mutation FulfilWish($id: ID!, $version: Int!, $registrationId: ID!, $note: String!, $photo: String) {\n    fulfilWish(id: $id, version: $version, registrationId: $registrationId, note: $note, photo: $photo) {\n      id\n      version\n      status\n    }\n  }\n": types.FulfilWishDocument,
    "\n  query HelperActivities($communityId: ID!, $registrationId: ID!) {\n    teamActivities(communityId: $communityId, first: 20) {\n      id\n      teamName\n      title\n      place\n      startsAt\n      endsAt\n      capacity\n      signedUp\n      joined(registrationId: $registrationId)\n    }\n  }\n": types.HelperActivitiesDocument,
    "\n  mutation SignUpForActivity($activityId: ID!, $registrationId: ID!) {\n    signUpForActivity(activityId: $activityId, registrationId: $registrationId) {\n      activityId\n    }\n  }\n": types.SignUpForActivityDocument,
    "\n  query LeaderBuildings($gridId: ID, $first: Int!, $after: String) {\n    buildings(gridId: $gridId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        name\n        address\n        floors\n        units\n      }\n    }\n  }\n": types.LeaderBuildingsDocument,
    "\n  query LeaderHouseholds($gridId: ID, $tags: [HouseholdTag!], $first: Int!, $after: String) {\n    households(gridId: $gridId, tags: $tags, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        address\n        size\n        tags\n      }\n    }\n  }\n": types.LeaderHouseholdsDocument,
    "\n  query LeaderResidents($gridId: ID, $search: String, $first: Int!, $after: String) {\n    residents(gridId: $gridId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        name\n        phone\n        relation\n        birthYear\n        household {\n          address\n        }\n      }\n    }\n  }\n": types.LeaderResidentsDocument,
    "\n  query ResidentHome {\n    microWishes(mine: true, first: 50) {\n      nodes {\n        id\n        version\n        title\n        description\n        status\n        rejectReason\n        fulfilNote\n        thanks\n      }\n    }\n    serviceNeeds(first: 50) {\n      nodes {\n        id\n        version\n        type\n        urgency\n        status\n        weekday\n        startMinute\n        endMinute\n        notes\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n    grids(level: LARGE, first: 1) {\n      nodes {\n        id\n        code\n        name\n      }\n    }\n  }\n": types.ResidentHomeDocument,
    "\n  mutation PostOwnWish($title: String!, $description: String!, $posterName: String!) {\n    postWish(input: { title: $title, description: $description, posterName: $posterName }) {\n      id\n    }\n  }\n": types.PostOwnWishDocument,
    "\n  mutation ThankWish($id: ID!, $version: Int!, $thanks: String!) {\n    thankWish(id: $id, version: $version, thanks: $thanks) {\n      id\n      status\n    }\n  }\n": types.ThankWishDocument,
    "\n  mutation RaiseOwnNeed($type: String!, $urgency: NeedUrgency!, $window: WeeklyWindowInput!, $durationMinutes: Int, $notes: String) {\n    raiseNeed(\n      input: { type: $type, urgency: $urgency, source: RESIDENT, window: $window, durationMinutes: $durationMinutes, notes: $notes }\n    ) {\n      id\n    }\n  }\n": types.RaiseOwnNeedDocument,
    "\n  mutation CancelOwnNeed($id: ID!, $version: Int!, $reason: String!) {\n    cancelNeed(id: $id, version: $version, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.CancelOwnNeedDocument,
    "\n  query OwnCases($first: Int!) {\n    cases(first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    buildings(first: 1) {\n      nodes {\n        id\n        name\n        address\n        centroid\n      }\n    }\n  }\n": types.OwnCasesDocument,
    "\n  mutation RateOwnCase($id: ID!, $version: Int!, $rating: Int!, $comment: String) {\n    rateCase(id: $id, version: $version, rating: $rating, comment: $comment) {\n      ...CaseSummary\n    }\n  }\n": types.RateOwnCaseDocument,
    "\n  query GridByCode($code: String!) {\n    grid(code: $code) {\n      id\n      geometry\n    }\n  }\n": types.GridByCodeDocument,
    "\n  query CaseByNumber($number: String!) {\n    caseByNumber(number: $number) {\n      id\n    }\n  }\n": types.CaseByNumberDocument,
    "\n  query TourCommunities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n        geometry\n      }\n    }\n  }\n": types.TourCommunitiesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation Login($login: String!, $password: String!) {\n      login(login: $login, password: $password) {\n        ...AuthPayload\n      }\n    }\n  "): (typeof documents)["\n    mutation Login($login: String!, $password: String!) {\n      login(login: $login, password: $password) {\n        ...AuthPayload\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation Refresh($refreshToken: String!) {\n      refresh(refreshToken: $refreshToken) {\n        ...AuthPayload\n      }\n    }\n  "): (typeof documents)["\n    mutation Refresh($refreshToken: String!) {\n      refresh(refreshToken: $refreshToken) {\n        ...AuthPayload\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthPayload on AuthPayload {\n    accessToken\n    expiresIn\n    refreshToken\n    user {\n      id\n      login\n      displayName\n      role\n      gridIds\n    }\n  }\n"): (typeof documents)["\n  fragment AuthPayload on AuthPayload {\n    accessToken\n    expiresIn\n    refreshToken\n    user {\n      id\n      login\n      displayName\n      role\n      gridIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenCases($first: Int!, $since: DateTime!) {\n    s_REPORTED: cases(status: REPORTED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_REPORTED: cases(status: REPORTED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_FILED: cases(status: FILED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_FILED: cases(status: FILED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_DISPATCHED: cases(status: DISPATCHED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_DISPATCHED: cases(status: DISPATCHED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_IN_PROGRESS: cases(status: IN_PROGRESS, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_IN_PROGRESS: cases(status: IN_PROGRESS, overdue: true, first: 1) {\n      totalCount\n    }\n    s_HANDLED: cases(status: HANDLED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_HANDLED: cases(status: HANDLED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_ESCALATED: cases(status: ESCALATED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_ESCALATED: cases(status: ESCALATED, overdue: true, first: 1) {\n      totalCount\n    }\n    today: cases(from: $since, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query OpenCases($first: Int!, $since: DateTime!) {\n    s_REPORTED: cases(status: REPORTED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_REPORTED: cases(status: REPORTED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_FILED: cases(status: FILED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_FILED: cases(status: FILED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_DISPATCHED: cases(status: DISPATCHED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_DISPATCHED: cases(status: DISPATCHED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_IN_PROGRESS: cases(status: IN_PROGRESS, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_IN_PROGRESS: cases(status: IN_PROGRESS, overdue: true, first: 1) {\n      totalCount\n    }\n    s_HANDLED: cases(status: HANDLED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_HANDLED: cases(status: HANDLED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_ESCALATED: cases(status: ESCALATED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    o_ESCALATED: cases(status: ESCALATED, overdue: true, first: 1) {\n      totalCount\n    }\n    today: cases(from: $since, first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GridCaseFacts($gridId: ID!, $from: DateTime!, $to: DateTime!) {\n    s_REPORTED: cases(gridId: $gridId, status: REPORTED, first: 1) {\n      totalCount\n    }\n    o_REPORTED: cases(gridId: $gridId, status: REPORTED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_FILED: cases(gridId: $gridId, status: FILED, first: 1) {\n      totalCount\n    }\n    o_FILED: cases(gridId: $gridId, status: FILED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, first: 1) {\n      totalCount\n    }\n    o_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, first: 1) {\n      totalCount\n    }\n    o_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, overdue: true, first: 1) {\n      totalCount\n    }\n    s_HANDLED: cases(gridId: $gridId, status: HANDLED, first: 1) {\n      totalCount\n    }\n    o_HANDLED: cases(gridId: $gridId, status: HANDLED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_ESCALATED: cases(gridId: $gridId, status: ESCALATED, first: 1) {\n      totalCount\n    }\n    o_ESCALATED: cases(gridId: $gridId, status: ESCALATED, overdue: true, first: 1) {\n      totalCount\n    }\n    indicators: caseIndicators(gridId: $gridId, from: $from, to: $to) {\n      ...CaseIndicators\n    }\n  }\n"): (typeof documents)["\n  query GridCaseFacts($gridId: ID!, $from: DateTime!, $to: DateTime!) {\n    s_REPORTED: cases(gridId: $gridId, status: REPORTED, first: 1) {\n      totalCount\n    }\n    o_REPORTED: cases(gridId: $gridId, status: REPORTED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_FILED: cases(gridId: $gridId, status: FILED, first: 1) {\n      totalCount\n    }\n    o_FILED: cases(gridId: $gridId, status: FILED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, first: 1) {\n      totalCount\n    }\n    o_DISPATCHED: cases(gridId: $gridId, status: DISPATCHED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, first: 1) {\n      totalCount\n    }\n    o_IN_PROGRESS: cases(gridId: $gridId, status: IN_PROGRESS, overdue: true, first: 1) {\n      totalCount\n    }\n    s_HANDLED: cases(gridId: $gridId, status: HANDLED, first: 1) {\n      totalCount\n    }\n    o_HANDLED: cases(gridId: $gridId, status: HANDLED, overdue: true, first: 1) {\n      totalCount\n    }\n    s_ESCALATED: cases(gridId: $gridId, status: ESCALATED, first: 1) {\n      totalCount\n    }\n    o_ESCALATED: cases(gridId: $gridId, status: ESCALATED, overdue: true, first: 1) {\n      totalCount\n    }\n    indicators: caseIndicators(gridId: $gridId, from: $from, to: $to) {\n      ...CaseIndicators\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentCaseEvents($first: Int!) {\n    recentCaseEvents(first: $first) {\n      ...CaseFeedEvent\n    }\n  }\n"): (typeof documents)["\n  query RecentCaseEvents($first: Int!) {\n    recentCaseEvents(first: $first) {\n      ...CaseFeedEvent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CaseUpdates($after: ID) {\n    caseUpdates(after: $after) {\n      ...CaseFeedEvent\n    }\n  }\n"): (typeof documents)["\n  subscription CaseUpdates($after: ID) {\n    caseUpdates(after: $after) {\n      ...CaseFeedEvent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Case($id: ID!) {\n    case(id: $id) {\n      ...CaseSummary\n      feedback\n      photos\n      assignedLeaderName\n      department\n      pendingExtension {\n        eventId\n        until\n        reason\n        requestedBy\n        requestedAt\n      }\n      timeline {\n        id\n        type\n        at\n        actorName\n        actorRole\n        toStatus\n        note\n      }\n    }\n  }\n"): (typeof documents)["\n  query Case($id: ID!) {\n    case(id: $id) {\n      ...CaseSummary\n      feedback\n      photos\n      assignedLeaderName\n      department\n      pendingExtension {\n        eventId\n        until\n        reason\n        requestedBy\n        requestedAt\n      }\n      timeline {\n        id\n        type\n        at\n        actorName\n        actorRole\n        toStatus\n        note\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseCategories {\n    caseCategories {\n      code\n      nameZh\n      nameEn\n    }\n  }\n"): (typeof documents)["\n  query CaseCategories {\n    caseCategories {\n      code\n      nameZh\n      nameEn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LargeGridIds {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query LargeGridIds {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseIndicators($gridId: ID!, $from: DateTime!, $to: DateTime!) {\n    caseIndicators(gridId: $gridId, from: $from, to: $to) {\n      ...CaseIndicators\n    }\n  }\n"): (typeof documents)["\n  query CaseIndicators($gridId: ID!, $from: DateTime!, $to: DateTime!) {\n    caseIndicators(gridId: $gridId, from: $from, to: $to) {\n      ...CaseIndicators\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportCase($input: ReportCaseInput!) {\n    reportCase(input: $input) {\n      created\n      case {\n        ...CaseSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReportCase($input: ReportCaseInput!) {\n    reportCase(input: $input) {\n      created\n      case {\n        ...CaseSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FileCase($id: ID!, $version: Int!) {\n    fileCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation FileCase($id: ID!, $version: Int!) {\n    fileCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DispatchCase($id: ID!, $version: Int!) {\n    dispatchCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation DispatchCase($id: ID!, $version: Int!) {\n    dispatchCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartCase($id: ID!, $version: Int!) {\n    startCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation StartCase($id: ID!, $version: Int!) {\n    startCase(id: $id, version: $version) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HandleCase($id: ID!, $version: Int!, $feedback: String!, $photos: [String!]) {\n    handleCase(id: $id, version: $version, feedback: $feedback, photos: $photos) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation HandleCase($id: ID!, $version: Int!, $feedback: String!, $photos: [String!]) {\n    handleCase(id: $id, version: $version, feedback: $feedback, photos: $photos) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestCaseExtension($id: ID!, $version: Int!, $until: DateTime!, $reason: String!) {\n    requestCaseExtension(id: $id, version: $version, until: $until, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation RequestCaseExtension($id: ID!, $version: Int!, $until: DateTime!, $reason: String!) {\n    requestCaseExtension(id: $id, version: $version, until: $until, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineCaseExtension($id: ID!, $version: Int!, $reason: String!) {\n    declineCaseExtension(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineCaseExtension($id: ID!, $version: Int!, $reason: String!) {\n    declineCaseExtension(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExtendCaseDeadline($id: ID!, $version: Int!, $newDueAt: DateTime!, $reason: String!) {\n    extendCaseDeadline(id: $id, version: $version, newDueAt: $newDueAt, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation ExtendCaseDeadline($id: ID!, $version: Int!, $newDueAt: DateTime!, $reason: String!) {\n    extendCaseDeadline(id: $id, version: $version, newDueAt: $newDueAt, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectCase($id: ID!, $version: Int!, $reason: String!) {\n    rejectCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation RejectCase($id: ID!, $version: Int!, $reason: String!) {\n    rejectCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DispatchCaseToLeader($id: ID!, $version: Int!, $leaderId: ID!) {\n    dispatchCase(id: $id, version: $version, leaderId: $leaderId) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation DispatchCaseToLeader($id: ID!, $version: Int!, $leaderId: ID!) {\n    dispatchCase(id: $id, version: $version, leaderId: $leaderId) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnCase($id: ID!, $version: Int!, $reason: String!) {\n    returnCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation ReturnCase($id: ID!, $version: Int!, $reason: String!) {\n    returnCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseCase($id: ID!, $version: Int!, $comment: String) {\n    closeCase(id: $id, version: $version, comment: $comment) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation CloseCase($id: ID!, $version: Int!, $comment: String) {\n    closeCase(id: $id, version: $version, comment: $comment) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseLeaders($id: ID!) {\n    case(id: $id) {\n      id\n      grid {\n        ...GridLeaders\n        parent {\n          ...GridLeaders\n          parent {\n            ...GridLeaders\n          }\n        }\n      }\n    }\n  }\n  fragment GridLeaders on Grid {\n    id\n    name\n    level\n    leaders {\n      id\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  query CaseLeaders($id: ID!) {\n    case(id: $id) {\n      id\n      grid {\n        ...GridLeaders\n        parent {\n          ...GridLeaders\n          parent {\n            ...GridLeaders\n          }\n        }\n      }\n    }\n  }\n  fragment GridLeaders on Grid {\n    id\n    name\n    level\n    leaders {\n      id\n      name\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseQueues($gridId: ID, $first: Int!) {\n    toFile: cases(gridId: $gridId, status: REPORTED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    toDispatch: cases(gridId: $gridId, status: FILED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    toVerify: cases(gridId: $gridId, status: HANDLED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    overdue: cases(gridId: $gridId, overdue: true, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    extension: cases(gridId: $gridId, extensionRequested: true, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  query CaseQueues($gridId: ID, $first: Int!) {\n    toFile: cases(gridId: $gridId, status: REPORTED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    toDispatch: cases(gridId: $gridId, status: FILED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    toVerify: cases(gridId: $gridId, status: HANDLED, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    overdue: cases(gridId: $gridId, overdue: true, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    extension: cases(gridId: $gridId, extensionRequested: true, first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Communities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  query Communities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EscalateCase($id: ID!, $version: Int!, $reason: String!) {\n    escalateCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation EscalateCase($id: ID!, $version: Int!, $reason: String!) {\n    escalateCase(id: $id, version: $version, reason: $reason) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Departments {\n    departments {\n      id\n      code\n      name\n      categories\n    }\n  }\n"): (typeof documents)["\n  query Departments {\n    departments {\n      id\n      code\n      name\n      categories\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DispatchCaseToDepartment($id: ID!, $version: Int!, $departmentId: ID!) {\n    dispatchCase(id: $id, version: $version, departmentId: $departmentId) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation DispatchCaseToDepartment($id: ID!, $version: Int!, $departmentId: ID!) {\n    dispatchCase(id: $id, version: $version, departmentId: $departmentId) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseSummary on Case {\n    id\n    number\n    status\n    category\n    description\n    address\n    priority\n    overdue\n    reportedAt\n    dueAt\n    gridId\n    version\n    location\n  }\n"): (typeof documents)["\n  fragment CaseSummary on Case {\n    id\n    number\n    status\n    category\n    description\n    address\n    priority\n    overdue\n    reportedAt\n    dueAt\n    gridId\n    version\n    location\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseFeedEvent on CaseEvent {\n    id\n    type\n    at\n    actorName\n    toStatus\n    caseId\n    version\n    case {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  fragment CaseFeedEvent on CaseEvent {\n    id\n    type\n    at\n    actorName\n    toStatus\n    caseId\n    version\n    case {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CaseIndicators on CaseIndicators {\n    filed\n    closed\n    closedOnTime\n    dueToClose\n    rated\n    onTimeClosureRate\n    satisfaction\n  }\n"): (typeof documents)["\n  fragment CaseIndicators on CaseIndicators {\n    filed\n    closed\n    closedOnTime\n    dueToClose\n    rated\n    onTimeClosureRate\n    satisfaction\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderGrid($id: ID!) {\n    grid(id: $id) {\n      id\n      geometry\n    }\n  }\n"): (typeof documents)["\n  query LeaderGrid($id: ID!) {\n    grid(id: $id) {\n      id\n      geometry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LedCommunities($level: GridLevel!) {\n    grids(level: $level, first: 20) {\n      nodes {\n        id\n        name\n        level\n      }\n    }\n  }\n"): (typeof documents)["\n  query LedCommunities($level: GridLevel!) {\n    grids(level: $level, first: 20) {\n      nodes {\n        id\n        name\n        level\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderTeams($communityId: ID!) {\n    volunteerTeams(communityId: $communityId) {\n      id\n      name\n      kind\n    }\n    teamActivities(communityId: $communityId, first: 20) {\n      id\n      teamName\n      title\n      place\n      startsAt\n      capacity\n      signups {\n        registrationId\n        attended\n        hours\n        helper {\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeaderTeams($communityId: ID!) {\n    volunteerTeams(communityId: $communityId) {\n      id\n      name\n      kind\n    }\n    teamActivities(communityId: $communityId, first: 20) {\n      id\n      teamName\n      title\n      place\n      startsAt\n      capacity\n      signups {\n        registrationId\n        attended\n        hours\n        helper {\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTeam($communityId: ID!, $name: String!, $kind: String!) {\n    createVolunteerTeam(communityId: $communityId, name: $name, kind: $kind) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTeam($communityId: ID!, $name: String!, $kind: String!) {\n    createVolunteerTeam(communityId: $communityId, name: $name, kind: $kind) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateActivity($input: ActivityInput!) {\n    createTeamActivity(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateActivity($input: ActivityInput!) {\n    createTeamActivity(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAttendance($activityId: ID!, $registrationId: ID!, $attended: Boolean!, $hours: Float) {\n    recordAttendance(activityId: $activityId, registrationId: $registrationId, attended: $attended, hours: $hours) {\n      attended\n    }\n  }\n"): (typeof documents)["\n  mutation RecordAttendance($activityId: ID!, $registrationId: ID!, $attended: Boolean!, $hours: Float) {\n    recordAttendance(activityId: $activityId, registrationId: $registrationId, attended: $attended, hours: $hours) {\n      attended\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordVisit($input: VisitInput!) {\n    recordVisit(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RecordVisit($input: VisitInput!) {\n    recordVisit(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServiceMap($gridId: ID!, $period: String) {\n    serviceMap(gridId: $gridId, period: $period)\n  }\n"): (typeof documents)["\n  query ServiceMap($gridId: ID!, $period: String) {\n    serviceMap(gridId: $gridId, period: $period)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ServiceUpdates {\n    serviceUpdates {\n      id\n      subject\n      type\n      gridId\n    }\n  }\n"): (typeof documents)["\n  subscription ServiceUpdates {\n    serviceUpdates {\n      id\n      subject\n      type\n      gridId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServiceCommunities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServiceCommunities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ServiceSkill on ServiceSkill {\n    code\n    nameZh\n    nameEn\n  }\n"): (typeof documents)["\n  fragment ServiceSkill on ServiceSkill {\n    code\n    nameZh\n    nameEn\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderServices($gridId: ID, $period: String!) {\n    serviceNeeds(gridId: $gridId, status: OPEN, first: 50) {\n      totalCount\n      nodes {\n        id\n        type\n        urgency\n        notes\n        weekday\n        startMinute\n        endMinute\n        household {\n          address\n        }\n      }\n    }\n    serviceMatches(gridId: $gridId, period: $period, status: PROPOSED, first: 50) {\n      totalCount\n      nodes {\n        id\n        version\n        status\n        distanceM\n        explanation\n        helper {\n          id\n          name\n        }\n        need {\n          type\n          household {\n            address\n          }\n        }\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n    serviceRegistrations(first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        kind\n        unitName\n        skills\n        radiusM\n        weeklyCapacity\n      }\n    }\n    microWishes(gridId: $gridId, status: SUBMITTED, first: 50) {\n      totalCount\n      nodes {\n        id\n        version\n        title\n        description\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeaderServices($gridId: ID, $period: String!) {\n    serviceNeeds(gridId: $gridId, status: OPEN, first: 50) {\n      totalCount\n      nodes {\n        id\n        type\n        urgency\n        notes\n        weekday\n        startMinute\n        endMinute\n        household {\n          address\n        }\n      }\n    }\n    serviceMatches(gridId: $gridId, period: $period, status: PROPOSED, first: 50) {\n      totalCount\n      nodes {\n        id\n        version\n        status\n        distanceM\n        explanation\n        helper {\n          id\n          name\n        }\n        need {\n          type\n          household {\n            address\n          }\n        }\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n    serviceRegistrations(first: 100) {\n      totalCount\n      nodes {\n        id\n        name\n        kind\n        unitName\n        skills\n        radiusM\n        weeklyCapacity\n      }\n    }\n    microWishes(gridId: $gridId, status: SUBMITTED, first: 50) {\n      totalCount\n      nodes {\n        id\n        version\n        title\n        description\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReassignMatch($id: ID!, $version: Int!, $registrationId: ID!) {\n    reassignMatch(id: $id, version: $version, registrationId: $registrationId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ReassignMatch($id: ID!, $version: Int!, $registrationId: ID!) {\n    reassignMatch(id: $id, version: $version, registrationId: $registrationId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewWish($id: ID!, $version: Int!, $publish: Boolean!, $reason: String) {\n    reviewWish(id: $id, version: $version, publish: $publish, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewWish($id: ID!, $version: Int!, $publish: Boolean!, $reason: String) {\n    reviewWish(id: $id, version: $version, publish: $publish, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderVisits($gridId: ID!) {\n    visitSchedule(gridId: $gridId, first: 50) {\n      householdId\n      address\n      nextDueAt\n      overdue\n      tags\n      intervalDays\n    }\n  }\n"): (typeof documents)["\n  query LeaderVisits($gridId: ID!) {\n    visitSchedule(gridId: $gridId, first: 50) {\n      householdId\n      address\n      nextDueAt\n      overdue\n      tags\n      intervalDays\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmMatch($id: ID!, $version: Int!) {\n    confirmMatch(id: $id, version: $version) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmMatch($id: ID!, $version: Int!) {\n    confirmMatch(id: $id, version: $version) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectMatch($id: ID!, $version: Int!, $reason: String!) {\n    rejectMatch(id: $id, version: $version, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RejectMatch($id: ID!, $version: Int!, $reason: String!) {\n    rejectMatch(id: $id, version: $version, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposeMatches($gridId: ID!, $period: String!) {\n    proposeMatches(gridId: $gridId, period: $period) {\n      needs\n      proposals {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProposeMatches($gridId: ID!, $period: String!) {\n    proposeMatches(gridId: $gridId, period: $period) {\n      needs\n      proposals {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Streets {\n    streets {\n      id\n      code\n      name\n      geometry\n      bbox\n    }\n  }\n"): (typeof documents)["\n  query Streets {\n    streets {\n      id\n      code\n      name\n      geometry\n      bbox\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GridShapes($level: GridLevel!, $first: Int!, $after: String) {\n    grids(level: $level, first: $first, after: $after) {\n      nodes {\n        ...GridShape\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n\n  fragment GridShape on Grid {\n    id\n    code\n    name\n    level\n    parentId\n    geometry\n    labelPoint\n  }\n"): (typeof documents)["\n  query GridShapes($level: GridLevel!, $first: Int!, $after: String) {\n    grids(level: $level, first: $first, after: $after) {\n      nodes {\n        ...GridShape\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n\n  fragment GridShape on Grid {\n    id\n    code\n    name\n    level\n    parentId\n    geometry\n    labelPoint\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GridCount($level: GridLevel!) {\n    grids(level: $level, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query GridCount($level: GridLevel!) {\n    grids(level: $level, first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GridAt($lng: Float!, $lat: Float!) {\n    gridAt(lng: $lng, lat: $lat) {\n      ...GridDetail\n    }\n  }\n\n  fragment GridDetail on Grid {\n    id\n    code\n    name\n    level\n    areaM2\n    counts {\n      buildings\n      households\n      residents\n    }\n    leaders {\n      id\n      name\n      role\n      since\n    }\n  }\n"): (typeof documents)["\n  query GridAt($lng: Float!, $lat: Float!) {\n    gridAt(lng: $lng, lat: $lat) {\n      ...GridDetail\n    }\n  }\n\n  fragment GridDetail on Grid {\n    id\n    code\n    name\n    level\n    areaM2\n    counts {\n      buildings\n      households\n      residents\n    }\n    leaders {\n      id\n      name\n      role\n      since\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUsers($search: String, $after: String) {\n    users(search: $search, first: 50, after: $after) {\n      totalCount\n      nodes {\n        id\n        login\n        displayName\n        role\n        disabled\n        gridCodes\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleUsers($search: String, $after: String) {\n    users(search: $search, first: 50, after: $after) {\n      totalCount\n      nodes {\n        id\n        login\n        displayName\n        role\n        disabled\n        gridCodes\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      password\n      user {\n        id\n        login\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      password\n      user {\n        id\n        login\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetUserDisabled($id: ID!, $disabled: Boolean!, $reason: String!) {\n    setUserDisabled(id: $id, disabled: $disabled, reason: $reason) {\n      id\n      disabled\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleSetUserDisabled($id: ID!, $disabled: Boolean!, $reason: String!) {\n    setUserDisabled(id: $id, disabled: $disabled, reason: $reason) {\n      id\n      disabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResetUserPassword($id: ID!, $reason: String!) {\n    resetUserPassword(id: $id, reason: $reason) {\n      password\n      user {\n        id\n        login\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleResetUserPassword($id: ID!, $reason: String!) {\n    resetUserPassword(id: $id, reason: $reason) {\n      password\n      user {\n        id\n        login\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleGrid($code: String!) {\n    grid(code: $code) {\n      id\n      code\n      name\n      level\n      leaders {\n        id\n        name\n        role\n        since\n      }\n      partyOrganization {\n        id\n        name\n        secretaryName\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleGrid($code: String!) {\n    grid(code: $code) {\n      id\n      code\n      name\n      level\n      leaders {\n        id\n        name\n        role\n        since\n      }\n      partyOrganization {\n        id\n        name\n        secretaryName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleGridResidents($gridId: ID!, $search: String) {\n    residents(gridId: $gridId, search: $search, first: 50) {\n      nodes {\n        id\n        name\n        birthYear\n        isPartyMember\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsoleGridResidents($gridId: ID!, $search: String) {\n    residents(gridId: $gridId, search: $search, first: 50) {\n      nodes {\n        id\n        name\n        birthYear\n        isPartyMember\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAppointLeader($input: AppointGridLeaderInput!) {\n    appointGridLeader(input: $input) {\n      id\n      name\n      role\n      since\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleAppointLeader($input: AppointGridLeaderInput!) {\n    appointGridLeader(input: $input) {\n      id\n      name\n      role\n      since\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleEndLeader($id: ID!) {\n    endGridLeader(id: $id) {\n      id\n      until\n    }\n  }\n"): (typeof documents)["\n  mutation ConsoleEndLeader($id: ID!) {\n    endGridLeader(id: $id) {\n      id\n      until\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentInbox($order: CaseOrder!, $first: Int!, $after: String) {\n    me {\n      id\n      departmentName\n    }\n    cases(order: $order, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query DepartmentInbox($order: CaseOrder!, $first: Int!, $after: String) {\n    me {\n      id\n      departmentName\n    }\n    cases(order: $order, first: $first, after: $after) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EchoWall($communityCode: String!) {\n    echoWall(communityCode: $communityCode, first: 100) {\n      id\n      kind\n      title\n      outcome\n      thanks\n      compound\n      doneAt\n    }\n  }\n"): (typeof documents)["\n  query EchoWall($communityCode: String!) {\n    echoWall(communityCode: $communityCode, first: 100) {\n      id\n      kind\n      title\n      outcome\n      thanks\n      compound\n      doneAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EchoCommunities {\n    echoCommunities {\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  query EchoCommunities {\n    echoCommunities {\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterMyself($input: RegistrationInput!) {\n    registerForService(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterMyself($input: RegistrationInput!) {\n    registerForService(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HelperHome($from: DateTime!, $to: DateTime!) {\n    me {\n      id\n      registrations {\n        id\n        name\n        kind\n        communityId\n        location\n        skills\n        radiusM\n        weeklyCapacity\n        hours(from: $from, to: $to)\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n  }\n"): (typeof documents)["\n  query HelperHome($from: DateTime!, $to: DateTime!) {\n    me {\n      id\n      registrations {\n        id\n        name\n        kind\n        communityId\n        location\n        skills\n        radiusM\n        weeklyCapacity\n        hours(from: $from, to: $to)\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HelperTask on ServiceMatch {\n    id\n    version\n    status\n    period\n    distanceM\n    explanation\n    window {\n      weekday\n      startMinute\n      endMinute\n    }\n    need {\n      id\n      type\n      urgency\n      notes\n      address\n      weekday\n      startMinute\n      endMinute\n    }\n  }\n"): (typeof documents)["\n  fragment HelperTask on ServiceMatch {\n    id\n    version\n    status\n    period\n    distanceM\n    explanation\n    window {\n      weekday\n      startMinute\n      endMinute\n    }\n    need {\n      id\n      type\n      urgency\n      notes\n      address\n      weekday\n      startMinute\n      endMinute\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HelperTasks($registrationId: ID!) {\n    serviceMatches(registrationId: $registrationId, first: 100) {\n      totalCount\n      nodes {\n        ...HelperTask\n      }\n    }\n  }\n"): (typeof documents)["\n  query HelperTasks($registrationId: ID!) {\n    serviceMatches(registrationId: $registrationId, first: 100) {\n      totalCount\n      nodes {\n        ...HelperTask\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HelperWish on MicroWish {\n    id\n    version\n    title\n    description\n    status\n    address\n  }\n"): (typeof documents)["\n  fragment HelperWish on MicroWish {\n    id\n    version\n    title\n    description\n    status\n    address\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HelperWishes($registrationId: ID!, $lng: Float!, $lat: Float!, $meters: Float!) {\n    mine: microWishes(helperId: $registrationId, status: CLAIMED, first: 50) {\n      nodes {\n        ...HelperWish\n      }\n    }\n    nearby: claimableWishes(lng: $lng, lat: $lat, meters: $meters, first: 20) {\n      ...HelperWish\n    }\n  }\n"): (typeof documents)["\n  query HelperWishes($registrationId: ID!, $lng: Float!, $lat: Float!, $meters: Float!) {\n    mine: microWishes(helperId: $registrationId, status: CLAIMED, first: 50) {\n      nodes {\n        ...HelperWish\n      }\n    }\n    nearby: claimableWishes(lng: $lng, lat: $lat, meters: $meters, first: 20) {\n      ...HelperWish\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptMatch($id: ID!, $version: Int!, $registrationId: ID!) {\n    acceptMatch(id: $id, version: $version, registrationId: $registrationId) {\n      id\n      version\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptMatch($id: ID!, $version: Int!, $registrationId: ID!) {\n    acceptMatch(id: $id, version: $version, registrationId: $registrationId) {\n      id\n      version\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineMatch($id: ID!, $version: Int!, $registrationId: ID!, $reason: String) {\n    declineMatch(id: $id, version: $version, registrationId: $registrationId, reason: $reason) {\n      id\n      version\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineMatch($id: ID!, $version: Int!, $registrationId: ID!, $reason: String) {\n    declineMatch(id: $id, version: $version, registrationId: $registrationId, reason: $reason) {\n      id\n      version\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteMatch($id: ID!, $version: Int!, $hours: Float!, $note: String) {\n    completeMatch(id: $id, version: $version, hours: $hours, note: $note) {\n      id\n      version\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteMatch($id: ID!, $version: Int!, $hours: Float!, $note: String) {\n    completeMatch(id: $id, version: $version, hours: $hours, note: $note) {\n      id\n      version\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimWish($id: ID!, $registrationId: ID!) {\n    claimWish(id: $id, registrationId: $registrationId) {\n      id\n      version\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ClaimWish($id: ID!, $registrationId: ID!) {\n    claimWish(id: $id, registrationId: $registrationId) {\n      id\n      version\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FulfilWish($id: ID!, $version: Int!, $registrationId: ID!, $note: String!, $photo: String) {\n    fulfilWish(id: $id, version: $version, registrationId: $registrationId, note: $note, photo: $photo) {\n      id\n      version\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation FulfilWish($id: ID!, $version: Int!, $registrationId: ID!, $note: String!, $photo: String) {\n    fulfilWish(id: $id, version: $version, registrationId: $registrationId, note: $note, photo: $photo) {\n      id\n      version\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HelperActivities($communityId: ID!, $registrationId: ID!) {\n    teamActivities(communityId: $communityId, first: 20) {\n      id\n      teamName\n      title\n      place\n      startsAt\n      endsAt\n      capacity\n      signedUp\n      joined(registrationId: $registrationId)\n    }\n  }\n"): (typeof documents)["\n  query HelperActivities($communityId: ID!, $registrationId: ID!) {\n    teamActivities(communityId: $communityId, first: 20) {\n      id\n      teamName\n      title\n      place\n      startsAt\n      endsAt\n      capacity\n      signedUp\n      joined(registrationId: $registrationId)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUpForActivity($activityId: ID!, $registrationId: ID!) {\n    signUpForActivity(activityId: $activityId, registrationId: $registrationId) {\n      activityId\n    }\n  }\n"): (typeof documents)["\n  mutation SignUpForActivity($activityId: ID!, $registrationId: ID!) {\n    signUpForActivity(activityId: $activityId, registrationId: $registrationId) {\n      activityId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderBuildings($gridId: ID, $first: Int!, $after: String) {\n    buildings(gridId: $gridId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        name\n        address\n        floors\n        units\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeaderBuildings($gridId: ID, $first: Int!, $after: String) {\n    buildings(gridId: $gridId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        name\n        address\n        floors\n        units\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderHouseholds($gridId: ID, $tags: [HouseholdTag!], $first: Int!, $after: String) {\n    households(gridId: $gridId, tags: $tags, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        address\n        size\n        tags\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeaderHouseholds($gridId: ID, $tags: [HouseholdTag!], $first: Int!, $after: String) {\n    households(gridId: $gridId, tags: $tags, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        address\n        size\n        tags\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeaderResidents($gridId: ID, $search: String, $first: Int!, $after: String) {\n    residents(gridId: $gridId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        name\n        phone\n        relation\n        birthYear\n        household {\n          address\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeaderResidents($gridId: ID, $search: String, $first: Int!, $after: String) {\n    residents(gridId: $gridId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        name\n        phone\n        relation\n        birthYear\n        household {\n          address\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResidentHome {\n    microWishes(mine: true, first: 50) {\n      nodes {\n        id\n        version\n        title\n        description\n        status\n        rejectReason\n        fulfilNote\n        thanks\n      }\n    }\n    serviceNeeds(first: 50) {\n      nodes {\n        id\n        version\n        type\n        urgency\n        status\n        weekday\n        startMinute\n        endMinute\n        notes\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n    grids(level: LARGE, first: 1) {\n      nodes {\n        id\n        code\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ResidentHome {\n    microWishes(mine: true, first: 50) {\n      nodes {\n        id\n        version\n        title\n        description\n        status\n        rejectReason\n        fulfilNote\n        thanks\n      }\n    }\n    serviceNeeds(first: 50) {\n      nodes {\n        id\n        version\n        type\n        urgency\n        status\n        weekday\n        startMinute\n        endMinute\n        notes\n      }\n    }\n    serviceSkills {\n      ...ServiceSkill\n    }\n    grids(level: LARGE, first: 1) {\n      nodes {\n        id\n        code\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostOwnWish($title: String!, $description: String!, $posterName: String!) {\n    postWish(input: { title: $title, description: $description, posterName: $posterName }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PostOwnWish($title: String!, $description: String!, $posterName: String!) {\n    postWish(input: { title: $title, description: $description, posterName: $posterName }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ThankWish($id: ID!, $version: Int!, $thanks: String!) {\n    thankWish(id: $id, version: $version, thanks: $thanks) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ThankWish($id: ID!, $version: Int!, $thanks: String!) {\n    thankWish(id: $id, version: $version, thanks: $thanks) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RaiseOwnNeed($type: String!, $urgency: NeedUrgency!, $window: WeeklyWindowInput!, $durationMinutes: Int, $notes: String) {\n    raiseNeed(\n      input: { type: $type, urgency: $urgency, source: RESIDENT, window: $window, durationMinutes: $durationMinutes, notes: $notes }\n    ) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RaiseOwnNeed($type: String!, $urgency: NeedUrgency!, $window: WeeklyWindowInput!, $durationMinutes: Int, $notes: String) {\n    raiseNeed(\n      input: { type: $type, urgency: $urgency, source: RESIDENT, window: $window, durationMinutes: $durationMinutes, notes: $notes }\n    ) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOwnNeed($id: ID!, $version: Int!, $reason: String!) {\n    cancelNeed(id: $id, version: $version, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOwnNeed($id: ID!, $version: Int!, $reason: String!) {\n    cancelNeed(id: $id, version: $version, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnCases($first: Int!) {\n    cases(first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    buildings(first: 1) {\n      nodes {\n        id\n        name\n        address\n        centroid\n      }\n    }\n  }\n"): (typeof documents)["\n  query OwnCases($first: Int!) {\n    cases(first: $first) {\n      totalCount\n      nodes {\n        ...CaseSummary\n      }\n    }\n    buildings(first: 1) {\n      nodes {\n        id\n        name\n        address\n        centroid\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RateOwnCase($id: ID!, $version: Int!, $rating: Int!, $comment: String) {\n    rateCase(id: $id, version: $version, rating: $rating, comment: $comment) {\n      ...CaseSummary\n    }\n  }\n"): (typeof documents)["\n  mutation RateOwnCase($id: ID!, $version: Int!, $rating: Int!, $comment: String) {\n    rateCase(id: $id, version: $version, rating: $rating, comment: $comment) {\n      ...CaseSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GridByCode($code: String!) {\n    grid(code: $code) {\n      id\n      geometry\n    }\n  }\n"): (typeof documents)["\n  query GridByCode($code: String!) {\n    grid(code: $code) {\n      id\n      geometry\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CaseByNumber($number: String!) {\n    caseByNumber(number: $number) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query CaseByNumber($number: String!) {\n    caseByNumber(number: $number) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TourCommunities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n        geometry\n      }\n    }\n  }\n"): (typeof documents)["\n  query TourCommunities {\n    grids(level: LARGE, first: 100) {\n      nodes {\n        id\n        name\n        geometry\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;