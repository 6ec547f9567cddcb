/**
 * The one query that reads 事業評価 (Query.statistics), shared by the CSV route and the
 * dashboard's statistics page so both ask for exactly the same published cells.
 */
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
