import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../graphql/context';
import { unauthenticated } from './auth.service';

/** Top-level fields anyone may call without signing in. */
export const PUBLIC_FIELDS = new Set([
  'login',
  'refresh',
  'signUpWithInvitation',
  'me',
  '_service',
  '__schema',
  '__type',
  '__typename',
  'echoWall',
  'echoCommunities',
  'postsBoard',
  'unitEvaluationSheet',
  'evaluateServiceByLink',
]);

/**
 * Anonymous callers get UNAUTHENTICATED (401) for anything but the public fields,
 * rather than silently empty answers; what signed-in callers see is the scope's job.
 */
export function requireSignInPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.scope.isSignedIn || !operation) return;
          const fields = topLevelFields(operation);
          const closed = fields.find((f) => !PUBLIC_FIELDS.has(f));
          if (closed) throw unauthenticated(`sign in to use ${closed} (Authorization: Bearer <token> or ApiKey <key>)`);
        },
      };
    },
  };
}

function topLevelFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : ['…']));
}
