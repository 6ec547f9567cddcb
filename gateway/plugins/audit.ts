/**
 * Writes the request's decisions to the audit log before the response leaves. If the
 * log cannot be written, the response is replaced: nothing is disclosed unaudited.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditLog } from '../audit/audit-log';
import type { GatewayContext } from '../context';
import { createLogger } from '../../shared/logger';

const log = createLogger('audit');

export const AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE';

export function auditPlugin(auditLog: AuditLog): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const drafts = [...(contextValue.decisions?.values() ?? [])];
          if (drafts.length === 0) return;
          try {
            await auditLog.append(drafts);
          } catch (error) {
            log.error(
              { err: error, requestId: contextValue.requestId },
              'audit write failed; response withheld',
            );
            response.http.status = 503;
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message: 'Service unavailable: the access log could not be written',
                    extensions: { code: AUDIT_UNAVAILABLE },
                  },
                ],
              },
            };
          }
        },
      };
    },
  };
}
