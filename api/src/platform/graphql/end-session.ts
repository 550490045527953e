import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';

/**
 * With read replicas (DATABASE_READ_URLS): a query's session reads from a replica; a mutation's
 * session, and so every read inside a mutation's request, stays on the primary.
 */
export function readReplicaPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') contextValue.session.preferReplica();
        },
      };
    },
  };
}

/** Closes the request's database session (its transaction rolled back, its connection returned) once the answer is ready. */
export function endSessionPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          await contextValue?.session?.close();
        },
      };
    },
  };
}
