import { graphql } from '../../graphql/generated';

/** Residents of a grid (the whole street: null) by name, to pick one (namesakes told apart by birth year and party membership). */
export const GRID_RESIDENTS = graphql(`
  query GridResidents($gridId: ID, $search: String) {
    residents(gridId: $gridId, search: $search, first: 50) {
      nodes {
        id
        name
        birthYear
        isPartyMember
      }
    }
  }
`);
