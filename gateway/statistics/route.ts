/**
 * GET /statistics.csv?fiscalYear=2025&encoding=utf-8|cp932 — 事業評価 as a CSV file for a
 * municipal report (subgraphs/juso/statistics/csv.ts), for 福祉課 alone.
 *
 * The route is one more client of the public API: it sends the caller's own
 * Authorization header to this gateway's /graphql, so authentication, the coordinator-only
 * rule, suppression and the audit record (an aggregate read, written before the answer
 * leaves) are exactly those of the GraphQL query; a refusal there is a refusal here.
 */
import http from 'node:http';
import type { RouteHandler } from '../../shared/http/service';
import { createLogger } from '../../shared/logger';
import type { CsvEncoding } from '../../subgraphs/juso/statistics/csv';
import { encodeCsv, statisticsCsv } from '../../subgraphs/juso/statistics/csv';
import type { StatisticsResult } from '../../subgraphs/juso/statistics/types';
import { DashboardStatisticsDocument } from '../../dashboard/generated/graphql';

const log = createLogger('statistics-csv');
export const STATISTICS_CSV_PATH = '/statistics.csv';
const YEAR = /^\d{4}$/;
/** Codes of the GraphQL answer, and the HTTP status the file route answers with. */
const STATUS_OF: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  AUDIT_UNAVAILABLE: 503,
};

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify({ error: code, message }));
}

interface GraphQLAnswer {
  status: number;
  body: {
    data?: { statistics?: StatisticsResult | null } | null;
    errors?: { extensions?: { code?: string } }[];
  };
}

/** POSTs the query to this same gateway, on the address the request came in on. */
function askSelf(req: http.IncomingMessage, fiscalYear: number): Promise<GraphQLAnswer> {
  // An IPv4-mapped address (::ffff:127.0.0.1) is dialled as IPv4; http.request takes IPv6 bare.
  const hostname = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:(?=\d+\.)/, '');
  const body = JSON.stringify({ query: DashboardStatisticsDocument, variables: { fiscalYear } });
  return new Promise((resolve, reject) => {
    const out = http.request(
      {
        hostname,
        port: req.socket.localPort,
        path: '/graphql',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          try {
            resolve({
              status: answer.statusCode ?? 500,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            });
          } catch (error) {
            reject(error as Error);
          }
        });
        answer.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

export function statisticsCsvRoute(): RouteHandler {
  return async (req, res) => {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const year = params.get('fiscalYear') ?? '';
    const encodingParam = (params.get('encoding') ?? 'utf-8').toLowerCase();
    if (!YEAR.test(year)) return refuse(res, 400, 'BAD_REQUEST', 'fiscalYear must be a 年度 such as 2025');
    if (encodingParam !== 'utf-8' && encodingParam !== 'cp932' && encodingParam !== 'shift_jis')
      return refuse(res, 400, 'BAD_REQUEST', 'encoding must be utf-8 or cp932');
    const encoding: CsvEncoding = encodingParam === 'utf-8' ? 'utf-8' : 'cp932';
    if (!req.headers.authorization) return refuse(res, 401, 'UNAUTHENTICATED', 'sign in first');

    let answer: GraphQLAnswer;
    try {
      answer = await askSelf(req, Number(year));
    } catch (error) {
      log.error({ err: error }, 'statistics query did not answer');
      return refuse(res, 502, 'STATISTICS_UNAVAILABLE', 'the statistics could not be read');
    }
    const statistics = answer.body.data?.statistics;
    if (!statistics) {
      const code = answer.body.errors?.[0]?.extensions?.code ?? 'STATISTICS_UNAVAILABLE';
      return refuse(res, STATUS_OF[code] ?? 502, code, 'the statistics could not be read');
    }
    const file = encodeCsv(statisticsCsv(statistics), encoding);
    const name = `事業評価_${statistics.fiscalYear}年度${encoding === 'cp932' ? '_sjis' : ''}.csv`;
    res.writeHead(200, {
      'content-type': `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`,
      'content-length': String(file.length),
      'content-disposition': `attachment; filename="statistics-${statistics.fiscalYear}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      // Counts only, but a municipality's figures before they are published: never cached.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(file);
  };
}
