/**
 * A document with several operations and no (or an unknown) `operationName` names no
 * operation to run. Apollo Server leaves that to the executor, and the gateway's
 * executor throws, which Apollo answers with a 500; it is the client's mistake: 400.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE';

export function operationResolution<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          throw new GraphQLError(
            request.operationName
              ? 'No operation of that name in the document.'
              : 'The document holds several operations: say which to run with operationName.',
            { extensions: { code: OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
