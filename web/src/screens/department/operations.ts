import { graphql, type DocumentType } from '../../graphql/generated';

/** One page of the department's inbox (row-level security: the cases dispatched or escalated to it), and whose inbox it is. */
export const INBOX_QUERY = graphql(`
  query DepartmentInbox($order: CaseOrder!, $first: Int!, $after: String) {
    me {
      id
      departmentName
      organizationName
    }
    cases(order: $order, first: $first, after: $after) {
      totalCount
      nodes {
        ...CaseSummary
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** A case in the inbox. */
export type InboxCase = DocumentType<typeof INBOX_QUERY>['cases']['nodes'][number];
