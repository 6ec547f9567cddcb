/**
 * The Apollo Server plugin every service gets from the service shell: per request,
 * the count and latency by operation name, withheld fields by code, and the same as
 * attributes of the request's span (counts, codes and field names — never a value).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { isWithheldCode } from '../access/errors';
import { metrics, secondsSince } from './metrics';
import { operationLabel } from './operations';
import { requestIdOf } from './request-id';
import { annotate } from './tracing';

/** A response path without list indexes: `household.members.konkyu`, which names a field, not a person. */
function fieldOf(path: GraphQLFormattedError['path']): string {
  return (path ?? []).filter((p) => typeof p === 'string').join('.');
}

export function observabilityPlugin<TContext extends BaseContext>(
  service: string,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const start = process.hrtime.bigint();
      let operation: string | null | undefined;
      return {
        async didResolveOperation({ operationName }) {
          operation = operationName;
        },
        async willSendResponse({ response, contextValue }) {
          const label = operationLabel(operation);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const withheld = new Map<string, number>();
          const fields = new Set<string>();
          for (const e of errors) {
            const code = e.extensions?.code;
            if (!isWithheldCode(code)) continue;
            withheld.set(code, (withheld.get(code) ?? 0) + 1);
            fields.add(fieldOf(e.path));
          }
          // Withheld fields are counted once, where the client sees them: at the gateway.
          if (service === 'gateway') for (const [code, n] of withheld) metrics.withheld.inc({ code }, n);
          const withheldTotal = [...withheld.values()].reduce((x, y) => x + y, 0);
          const result = errors.length === 0 ? 'ok' : withheldTotal === errors.length ? 'withheld' : 'errors';
          metrics.requests.inc({ service, operation: label, result });
          metrics.requestDuration.observe({ service, operation: label }, secondsSince(start));
          const requestId = requestIdOf(contextValue);
          annotate({
            'graphql.operation.name': label,
            'juso.errors': errors.length,
            'juso.withheld': withheldTotal,
            ...Object.fromEntries([...withheld].map(([code, n]) => [`juso.withheld.${code}`, n])),
            ...(fields.size ? { 'juso.withheld.fields': [...fields].sort() } : {}),
            ...(requestId ? { 'juso.request_id': requestId } : {}),
          });
        },
      };
    },
  };
}
