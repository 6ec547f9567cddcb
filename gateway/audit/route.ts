/**
 * GET /audit?person=<id>: who saw what about this person, when, and why. For the
 * municipality's coordinator (福祉課), and what a person's 本人開示 request needs.
 * Reading the audit is itself a disclosure about the person: it is recorded (field
 * AUDIT) before the answer leaves, and refused with 503 if it cannot be.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { RouteHandler } from '../../shared/http/service';
import { createLogger } from '../../shared/logger';
import type { StaffAuthenticator } from '../auth/authenticate';
import type { AuditLog } from './audit-log';
import type { AuditRecordDraft } from './record';

const log = createLogger('audit-route');
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function auditRoute(auditLog: AuditLog, authenticator: StaffAuthenticator): RouteHandler {
  return async (req, res) => {
    const principal = await authenticator.principalOrNull(req.headers.authorization);
    if (!principal) return send(res, 401, { error: 'UNAUTHENTICATED' });
    if (principal.agency.role !== 'COORDINATOR') return send(res, 403, { error: 'FORBIDDEN' });
    const person = new URL(req.url ?? '/', 'http://localhost').searchParams.get('person') ?? '';
    if (!ID.test(person))
      return send(res, 400, { error: 'BAD_REQUEST', message: 'person must be a resident id' });
    const requestId = randomUUID();
    log.info({ staffId: principal.staffId, person, requestId }, 'audit read');
    const entries = await auditLog.byPerson(person);
    try {
      await auditLog.append(
        auditReadDraft({
          requestId,
          staffId: principal.staffId,
          agencyId: principal.agency.id,
          personId: person,
          basis: 'COORDINATOR',
        }),
      );
    } catch (error) {
      log.error({ err: error, requestId }, 'audit write failed; audit read withheld');
      return send(res, 503, { error: 'AUDIT_UNAVAILABLE' });
    }
    send(res, 200, {
      person,
      entries: entries.map((e) => ({
        at: e.at,
        staffId: e.staffId,
        agencyId: e.agencyId,
        meetingId: e.meetingId,
        ...(e.emergencyId ? { emergencyId: e.emergencyId } : {}),
        field: e.field,
        class: e.cls,
        subjectId: e.subjectId,
        decision: e.decision,
        basis: e.basis,
        consentId: e.consentId,
        code: e.code,
        // The same decision made several times in one request is one row with its count.
        ...(e.count > 1 ? { count: e.count } : {}),
      })),
    });
  };
}

/** The record of a read of the audit about one person (GET /audit, `npm run audit -- person`). */
export function auditReadDraft(r: {
  requestId: string;
  staffId: string;
  agencyId: string;
  personId: string;
  basis: string;
  at?: Date;
}): AuditRecordDraft {
  return {
    at: (r.at ?? new Date()).toISOString(),
    requestId: r.requestId,
    staffId: r.staffId,
    agencyId: r.agencyId,
    meetingId: null,
    decisions: [
      {
        personId: r.personId,
        field: 'AUDIT',
        cls: 'GENERAL',
        subjectId: r.personId,
        decision: 'DISCLOSED',
        basis: r.basis,
        consentId: null,
        code: null,
        count: 1,
      },
    ],
  };
}
