/**
 * 事業評価's door to data. The one query that reads it (Query.statistics) is
 * dashboard/operations/statistics.graphql, shared by the CSV route and the dashboard's
 * statistics page so both ask for exactly the same published cells; here are the shapes
 * of its answer and the CSV download. No DOM here.
 */
import type { DashboardStatisticsQuery } from '../generated/graphql';

export type StatisticsResult = NonNullable<DashboardStatisticsQuery['statistics']>;
export type StatTable = StatisticsResult['tables'][number];
export type StatCell = StatTable['cells'][number][number];

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
