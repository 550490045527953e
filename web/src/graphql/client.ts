import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * The app's Apollo Client. The API serves the built app on its own origin, so the
 * endpoint is relative; `vite dev` proxies it to the API.
 */
export function createApolloClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache(),
  });
}
