/**
 * Query.statistics(fiscalYear): 事業評価 for the municipality (福祉課, role COORDINATOR)
 * alone. The answer holds counts only, suppressed below STATS_MIN_CELL (suppress.ts); the
 * read is audited as an aggregate (field STATISTICS, no person), refused or not.
 */
import { GraphQLError } from 'graphql';
import { withheldError } from '../../../shared/access/errors';
import { aggregateRead } from '../access';
import type { JusoContext } from '../context';
import { countStatistics } from './count';
import { fiscalYear, fiscalYearOf } from './fiscal';
import { loadStatisticsInput } from './load';
import { minCellFrom } from './suppress';
import type { StatisticsResult } from './types';

/** The first 年度 asked about (重層的支援体制整備事業 began in 令和3年度; earlier years hold nothing). */
export const FIRST_FISCAL_YEAR = 2021;

export async function statistics(
  ctx: JusoContext,
  args: { fiscalYear: number },
  env: NodeJS.ProcessEnv = process.env,
): Promise<StatisticsResult> {
  const allowed = ctx.access.viewer.principal.agency.role === 'COORDINATOR';
  const subjectId = `FY${Number.isInteger(args.fiscalYear) ? args.fiscalYear : 'invalid'}`;
  aggregateRead(ctx.access, {
    field: 'STATISTICS',
    subjectId,
    allowed,
    basis: 'COORDINATOR',
    code: 'FORBIDDEN',
  });
  if (!allowed) throw withheldError('FORBIDDEN');
  const current = fiscalYearOf(ctx.now);
  if (!Number.isInteger(args.fiscalYear) || args.fiscalYear < FIRST_FISCAL_YEAR || args.fiscalYear > current)
    throw new GraphQLError(`fiscalYear must be a 年度 from ${FIRST_FISCAL_YEAR} to ${current}`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'fiscalYear' },
    });
  const fy = fiscalYear(args.fiscalYear, ctx.now);
  return countStatistics(await loadStatisticsInput(ctx.repo, fy), minCellFrom(env));
}
