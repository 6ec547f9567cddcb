/**
 * Writes the request's audit record (every decision it made) before the response
 * leaves. If the log cannot be written, the response is replaced: nothing is disclosed
 * unaudited. Also owns the log's lifetime with the server's: the last signed
 * checkpoint is written when the server stops.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditLog } from '../audit/audit-log';
import type { GatewayContext } from '../context';
import { auditDraft } from '../context';
import { createLogger } from '../../shared/logger';

const log = createLogger('audit');

export const AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE';

export function auditPlugin(auditLog: AuditLog): ApolloServerPlugin<GatewayContext> {
  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await auditLog.close();
        },
      };
    },
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          // A request refused before its context existed decided nothing about anyone.
          if (!contextValue.decisions || contextValue.decisions.size === 0) return;
          try {
            await auditLog.append(auditDraft(contextValue));
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
