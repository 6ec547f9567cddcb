/**
 * GET /audit/report?person=&from=&to=&format=html|csv|json&encoding=utf8|cp932 — 福祉課's
 * 本人開示 report (report.ts): every decision about one person in a period, in words.
 *
 * Like GET /audit: the coordinator only (401 / 403), ids and dates checked (400), and the
 * read is itself audited (field AUDIT, basis DISCLOSURE_REPORT) before the answer leaves,
 * or 503. The names the report gives (meeting titles, consent dates, the reasons of
 * 緊急時の閲覧 windows) are 重層 data: they are read from the juso subgraph with a credential
 * the gateway signs for this coordinator, through `_disclosureReportFacts`, which is
 * @inaccessible (not in the public graph) and refuses anyone but a COORDINATOR outside a
 * meeting — the same door the gateway's access facts go through, with one more lock.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Agency } from '../../shared/domain';
import type { CredentialSigner, CredentialSubject } from '../../shared/auth/gateway-credential';
import { CREDENTIAL_HEADER } from '../../shared/auth/gateway-credential';
import type { RouteHandler } from '../../shared/http/service';
import { createLogger } from '../../shared/logger';
import { observeSubgraphCall } from '../../shared/observability';
import { tokyoDay } from '../../shared/calendar';
import type { StaffMember } from '../../town/agencies';
import { DEMO_STAFF } from '../../town/agencies';
import type { StaffAuthenticator } from '../auth/authenticate';
import { post, PostTimeoutError } from '../../shared/http/client';
import { DASHBOARD_CSP } from '../dashboard/routes';
import type { AuditLog } from './audit-log';
import type { CsvEncoding, ReportFacts } from './report';
import { buildReport, encodeCsv, reportCsvText, reportHtml } from './report';
import { auditReadDraft } from './route';

const log = createLogger('audit-report');
const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Five years: what a 開示請求 asks about, and a bound on one answer's size. */
const MAX_DAYS = 5 * 366;

const FACTS_QUERY = /* GraphQL */ `
  query DisclosureReportFacts($personId: ID!, $meetingIds: [ID!]!) {
    _disclosureReportFacts(personId: $personId, meetingIds: $meetingIds) {
      personId
      name
      consents {
        id
        version
        takenAt
      }
      meetings {
        id
        kind
        title
      }
      emergencyWindows {
        id
        reasonCategory
        reason
        openedAt
        expiresAt
        closedAt
      }
    }
  }
`;

export interface ReportRouteOptions {
  auditLog: AuditLog;
  authenticator: StaffAuthenticator;
  /** The juso subgraph, and the signer for its credential. */
  juso: { url: string; signer: CredentialSigner; timeoutMs: number };
  agencies: readonly Agency[];
  /** Staff names by id, where the town has them (the audit keeps ids only). */
  staff?: readonly StaffMember[];
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const bad = (res: http.ServerResponse, message: string) =>
  sendJson(res, 400, { error: 'BAD_REQUEST', message });

export async function readReportFacts(
  juso: ReportRouteOptions['juso'],
  subject: CredentialSubject,
  personId: string,
  meetingIds: readonly string[],
): Promise<ReportFacts> {
  const body = JSON.stringify({ query: FACTS_QUERY, variables: { personId, meetingIds } });
  const res = await observeSubgraphCall(
    'juso',
    async (trace) => {
      const credential = await juso.signer.sign('juso', subject, body, undefined, trace);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        [CREDENTIAL_HEADER]: credential,
      };
      if (trace.traceparent) headers.traceparent = trace.traceparent;
      return post(juso.url, headers, body, juso.timeoutMs);
    },
    (error) => error instanceof PostTimeoutError,
  );
  const json = JSON.parse(res.body) as {
    data?: { _disclosureReportFacts?: ReportFacts };
    errors?: unknown[];
  };
  const facts = json.data?._disclosureReportFacts;
  if (!facts || json.errors?.length) throw new Error('disclosure report facts unavailable');
  return facts;
}

export function reportRoute(options: ReportRouteOptions): RouteHandler {
  const staff = new Map((options.staff ?? DEMO_STAFF).map((s) => [s.id, s.name]));
  const agencyName = (id: string) => options.agencies.find((a) => a.id === id)?.name ?? id;
  const staffName = (id: string) => (staff.has(id) ? `${staff.get(id) as string}（${id}）` : id);

  return async (req, res) => {
    const principal = await options.authenticator.principalOrNull(req.headers.authorization);
    if (!principal) return sendJson(res, 401, { error: 'UNAUTHENTICATED' });
    if (principal.agency.role !== 'COORDINATOR') return sendJson(res, 403, { error: 'FORBIDDEN' });
    const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const person = q.get('person') ?? '';
    const from = q.get('from') ?? '';
    const to = q.get('to') ?? '';
    const format = q.get('format') ?? 'html';
    const encoding = (q.get('encoding') ?? 'utf8') as CsvEncoding;
    if (!ID.test(person)) return bad(res, 'person must be a resident id');
    // tokyoDay gives back a bare date only when it is a real calendar day.
    if (tokyoDay(from) !== from || tokyoDay(to) !== to)
      return bad(res, 'from and to must be dates (YYYY-MM-DD)');
    if (from > to) return bad(res, 'from must not be after to');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS)
      return bad(res, 'at most five years at once');
    if (!['html', 'csv', 'json'].includes(format)) return bad(res, 'format is html, csv or json');
    if (encoding !== 'utf8' && encoding !== 'cp932') return bad(res, 'encoding is utf8 or cp932');

    const requestId = randomUUID();
    log.info({ staffId: principal.staffId, person, from, to, format, requestId }, 'disclosure report');
    const subject: CredentialSubject = {
      staffId: principal.staffId,
      agency: { id: principal.agency.id, role: principal.agency.role, field: principal.agency.field },
      meetingId: null,
      requestId,
    };
    let model;
    try {
      const rows = await options.auditLog.byPerson(person);
      const meetingIds = [...new Set(rows.map((r) => r.meetingId).filter((m): m is string => m !== null))];
      const [facts, chain] = await Promise.all([
        readReportFacts(options.juso, subject, person, meetingIds),
        // The whole chain: a period's records are only as sound as every link before them.
        options.auditLog.verify(),
      ]);
      const now = new Date();
      model = buildReport({
        personId: person,
        from,
        to,
        rows,
        facts,
        chain,
        now,
        generatedBy: `${staffName(principal.staffId)}・${agencyName(principal.agency.id)}`,
        agencyName,
        staffName,
      });
    } catch (error) {
      log.error({ err: error, requestId }, 'disclosure report unavailable');
      return sendJson(res, 503, { error: 'REPORT_UNAVAILABLE' });
    }
    try {
      await options.auditLog.append(
        auditReadDraft({
          requestId,
          staffId: principal.staffId,
          agencyId: principal.agency.id,
          personId: person,
          basis: 'DISCLOSURE_REPORT',
        }),
      );
    } catch (error) {
      log.error({ err: error, requestId }, 'audit write failed; disclosure report withheld');
      return sendJson(res, 503, { error: 'AUDIT_UNAVAILABLE' });
    }
    const name = `disclosure-${person}-${from}-${to}`;
    if (format === 'json') return sendJson(res, 200, model);
    if (format === 'csv') {
      const body = encodeCsv(reportCsvText(model), encoding);
      res.writeHead(200, {
        'content-type': `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`,
        'content-disposition': `attachment; filename="${name}${encoding === 'cp932' ? '-sjis' : ''}.csv"`,
        'content-length': String(body.length),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      return void res.end(body);
    }
    const body = Buffer.from(reportHtml(model), 'utf8');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(body.length),
      'cache-control': 'no-store',
      // The dashboard's policy: no script at all, styles from this origin only.
      'content-security-policy': DASHBOARD_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    res.end(body);
  };
}
