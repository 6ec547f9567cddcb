/**
 * Small-cell suppression (秘匿処理) for the year's statistics, pure.
 *
 * A set of published counts is given as cells (by key) and the equations between them
 * that a reader can see: a row of cells and its total, a column and its total, and also
 * equations that cross tables (three intake tables share their monthly totals). Then:
 *
 * 1. Primary: every cell below the threshold (default 3, zero included: "<3" is true of 0)
 *    is suppressed.
 * 2. Complementary: an equation with exactly one suppressed member would give that member
 *    away (total minus the others), so the smallest other member of that equation is
 *    suppressed as well (ties: the first in the equation, so inner cells before totals).
 *    Suppressing it may leave another equation with one, so this repeats until no
 *    equation has exactly one suppressed member.
 *
 * Each pass suppresses at least one more cell or stops, so it ends after at most as many
 * passes as there are cells. It is deterministic: the same counts give the same pattern.
 * What it does not do: protect against linear-programming attacks across many equations
 * at once (a cell pinned to a narrow interval), or differencing two readings of the
 * current year taken a day apart; see docs/DASHBOARD.md.
 */

export const DEFAULT_MIN_CELL = 3;

/**
 * The threshold from STATS_MIN_CELL (an integer of at least 1), else 3. A value that is
 * not such an integer falls back to 3 rather than to no suppression: failing closed.
 */
export function minCellFrom(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STATS_MIN_CELL;
  if (raw === undefined || raw.trim() === '') return DEFAULT_MIN_CELL;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : DEFAULT_MIN_CELL;
}

export interface SuppressionProblem {
  /** Every published count, by key. */
  values: ReadonlyMap<string, number>;
  /** Each equation lists the keys a reader sees summed against one another (totals included). */
  equations: readonly (readonly string[])[];
}

/** The keys to show as suppressed. */
export function suppress(problem: SuppressionProblem, minCell: number = DEFAULT_MIN_CELL): Set<string> {
  const { values, equations } = problem;
  const valueOf = (key: string): number => {
    const v = values.get(key);
    if (v === undefined) throw new Error(`suppression: no value for cell ${key}`);
    return v;
  };
  const suppressed = new Set<string>();
  for (const [key, v] of values) if (v < minCell) suppressed.add(key);
  for (const eq of equations) for (const key of eq) valueOf(key);

  for (let changed = true; changed;) {
    changed = false;
    for (const eq of equations) {
      const members = [...new Set(eq)];
      const hidden = members.filter((k) => suppressed.has(k));
      if (hidden.length !== 1) continue;
      let pick: string | null = null;
      for (const k of members) {
        if (suppressed.has(k)) continue;
        if (pick === null || valueOf(k) < valueOf(pick)) pick = k;
      }
      // An equation of one member states its own value: nothing else can hide it.
      if (pick === null) continue;
      suppressed.add(pick);
      changed = true;
    }
  }
  return suppressed;
}
