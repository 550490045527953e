import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';

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
