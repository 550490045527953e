import { graphql } from '../../graphql/generated';

/** 党建与服务统计 beside the case KPIs (the leader rate of 全覆盖 comes from the coverage tile's query). */
export const WALL_STATISTICS_QUERY = graphql(`
  query WallStatistics($from: DateTime!, $to: DateTime!) {
    wallStatistics(from: $from, to: $to) {
      organizations
      centralHouseholds
      members
      registrations
      serviceHours
      needsCreated
      needsDone
      wishesCreated
      wishesFulfilled
      visits
    }
  }
`);
