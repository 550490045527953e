import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient, type Client } from 'graphql-ws';
import { authFetch, type AuthSession } from '../domain/auth/session';
import { bearer } from '../domain/auth/tokens';

export interface AppClient {
  apollo: ApolloClient;
  /** The graphql-ws client, for reconnect events (the live feed resumes from its last event id). */
  ws: Client;
}

/** `ws(s)://host/graphql` for the page's origin. */
export function wsUrl(origin: string, path = '/graphql'): string {
  return `${origin.replace(/^http/, 'ws')}${path}`;
}

/**
 * The app's Apollo Client. The API serves the built app on its own origin, so the endpoint
 * is relative; `vite dev` proxies it (and the websocket) to the API. Queries and mutations
 * carry `Authorization: Bearer …` (refreshed on a 401); subscriptions go over graphql-ws
 * with the token in connectionParams, read afresh on every (re)connect.
 */
export function createApolloClient(session: AuthSession, origin = window.location.origin): AppClient {
  const ws = createClient({
    url: wsUrl(origin),
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 10_000))),
    connectionParams: async () => {
      const token = await session.accessToken();
      return token ? { authorization: bearer(token) } : {};
    },
  });
  const http = new HttpLink({ uri: '/graphql', fetch: authFetch(session) });
  const link = ApolloLink.split((operation) => isSubscriptionOperation(operation.query), new GraphQLWsLink(ws), http);
  return { apollo: new ApolloClient({ link, cache: new InMemoryCache() }), ws };
}
