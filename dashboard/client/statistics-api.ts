/**
 * 事業評価's door to data. The one query that reads it (Query.statistics), shared by the
 * CSV route and the dashboard's statistics page so both ask for exactly the same
 * published cells, and the CSV download. No DOM here.
 */
import type { StatisticsResult } from '../../subgraphs/juso/statistics/types';

export type { StatCell, StatisticsResult, StatTable } from '../../subgraphs/juso/statistics/types';
export const STATISTICS_QUERY = /* GraphQL */ `
  query DashboardStatistics($fiscalYear: Int!) {
    statistics(fiscalYear: $fiscalYear) {
      fiscalYear
      from
      to
      asOf
      minCell
      tables {
        key
        title
        unit
        rowHeader
        rows
        columns
        cells {
          value
          suppressed
          text
        }
        rowTotals {
          value
          suppressed
          text
        }
        columnTotals {
          value
          suppressed
          text
        }
        grandTotal {
          value
          suppressed
          text
        }
        totalLabel
        note
      }
      medianDaysToConfirmedPlan {
        plans {
          value
          suppressed
          text
        }
        days
        text
      }
    }
  }
`;

export type CsvEncoding = 'utf-8' | 'cp932';

/** What a CSV download answered: the file, or the HTTP status it was refused with. */
export type CsvDownload = { ok: true; blob: Blob; fileName: string } | { ok: false; status: number };

/**
 * GET /statistics.csv with the staff token (a plain link could not carry it): the caller
 * turns the blob into a download. The file name is the route's, from Content-Disposition.
 */
export async function downloadStatisticsCsv(
  token: string,
  fiscalYear: number,
  encoding: CsvEncoding,
): Promise<CsvDownload> {
  const response = await fetch(`/statistics.csv?fiscalYear=${fiscalYear}&encoding=${encoding}`, {
    headers: { authorization: `Bearer ${token}` },
    cache: 'no-store',
    credentials: 'omit',
  });
  if (!response.ok) return { ok: false, status: response.status };
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const fileName = encoded ? decodeURIComponent(encoded) : `statistics-${fiscalYear}.csv`;
  return { ok: true, blob: await response.blob(), fileName };
}

/** The result type, named for the page's GraphQL call. */
export type StatisticsData = { statistics: StatisticsResult | null };
