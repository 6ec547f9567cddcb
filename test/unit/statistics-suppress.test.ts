/**
 * 事業評価's small-cell suppression (subgraphs/juso/statistics/suppress.ts, layout.ts):
 * every cell below the threshold is hidden, and where a total would give a hidden cell
 * away, the smallest other cell of that row or column is hidden too, until stable.
 */
import { Layout } from '../../subgraphs/juso/statistics/layout';
import { DEFAULT_MIN_CELL, minCellFrom, suppress } from '../../subgraphs/juso/statistics/suppress';

/** A plain table with row and column totals and the corner, as a suppression problem. */
function grid(counts: number[][]) {
  const values = new Map<string, number>();
  const equations: string[][] = [];
  const k = (r: number, c: number) => `${r},${c}`;
  counts.forEach((row, r) => row.forEach((v, c) => values.set(k(r, c), v)));
  counts.forEach((row, r) => {
    values.set(
      `R${r}`,
      row.reduce((a, b) => a + b, 0),
    );
    equations.push([...row.map((_, c) => k(r, c)), `R${r}`]);
  });
  counts[0]!.forEach((_, c) => {
    values.set(
      `C${c}`,
      counts.reduce((a, row) => a + row[c]!, 0),
    );
    equations.push([...counts.map((_, r) => k(r, c)), `C${c}`]);
  });
  values.set(
    'T',
    counts.flat().reduce((a, b) => a + b, 0),
  );
  equations.push([...counts.map((_, r) => `R${r}`), 'T'], [...counts[0]!.map((_, c) => `C${c}`), 'T']);
  return { values, equations };
}

/** The invariant: every small cell hidden, and no equation with exactly one hidden member. */
function expectSafe(problem: ReturnType<typeof grid>, hidden: Set<string>, minCell = 3) {
  for (const [key, v] of problem.values) if (v < minCell) expect(hidden.has(key)).toBe(true);
  for (const eq of problem.equations) expect(eq.filter((k) => hidden.has(k)).length).not.toBe(1);
}

describe('primary suppression', () => {
  it('hides every cell below the threshold, zero included, and nothing else when no total tells', () => {
    const values = new Map([
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 3],
      ['e', 40],
    ]);
    expect([...suppress({ values, equations: [] })].sort()).toEqual(['a', 'b', 'c']);
    expect([...suppress({ values, equations: [] }, 5)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...suppress({ values, equations: [] }, 1)]).toEqual(['a']);
  });

  it('hides nothing in a table of large counts', () => {
    expect(
      suppress(
        grid([
          [5, 6],
          [7, 8],
        ]),
      ).size,
    ).toBe(0);
  });

  it('takes the threshold from STATS_MIN_CELL, failing closed to 3 on nonsense', () => {
    expect(DEFAULT_MIN_CELL).toBe(3);
    expect(minCellFrom({})).toBe(3);
    expect(minCellFrom({ STATS_MIN_CELL: '5' })).toBe(5);
    expect(minCellFrom({ STATS_MIN_CELL: '10' })).toBe(10);
    for (const bad of ['0', '-1', '2.5', 'abc', '']) expect(minCellFrom({ STATS_MIN_CELL: bad })).toBe(3);
  });
});

describe('complementary suppression', () => {
  it('a row total would reveal its one hidden cell: the smallest other cell of the row is hidden too', () => {
    // Row 0: 1 | 9 | 4, total 14 shown: 1 = 14 - 9 - 4. The smallest other is 4.
    const values = new Map([
      ['a', 1],
      ['b', 9],
      ['c', 4],
      ['total', 14],
    ]);
    const hidden = suppress({ values, equations: [['a', 'b', 'c', 'total']] });
    expect([...hidden].sort()).toEqual(['a', 'c']);
  });

  it('prefers a cell over the total on a tie, and hides the total when nothing else is left', () => {
    const values = new Map([
      ['a', 2],
      ['b', 5],
      ['t', 7],
    ]);
    // a hidden; b (5) is smaller than t (7).
    expect([...suppress({ values, equations: [['a', 'b', 't']] })].sort()).toEqual(['a', 'b']);
    const one = new Map([
      ['a', 2],
      ['t', 2],
    ]);
    expect([...suppress({ values: one, equations: [['a', 't']] })].sort()).toEqual(['a', 't']);
  });

  it('iterates: the second cell hidden in a row leaves its column with one, so a third is hidden', () => {
    //        c0  c1  c2 | R
    //  r0     1  10   6 | 17
    //  r1     8  12   9 | 29
    //  C      9  22  15 | 46
    const problem = grid([
      [1, 10, 6],
      [8, 12, 9],
    ]);
    const hidden = suppress(problem);
    expectSafe(problem, hidden);
    // Primary (0,0); row 0 → (0,2) the smallest other; column 0 → (1,0); column 2 → (1,2).
    expect([...hidden].sort()).toEqual(['0,0', '0,2', '1,0', '1,2']);
    // Row totals, column totals and the corner stay: the hidden cells form a rectangle.
    for (const k of ['R0', 'R1', 'C0', 'C1', 'C2', 'T']) expect(hidden.has(k)).toBe(false);
  });

  it('a small total is hidden with what reveals it in the totals line', () => {
    const problem = grid([
      [1, 1],
      [20, 30],
    ]);
    const hidden = suppress(problem);
    expectSafe(problem, hidden);
    expect(hidden.has('R0')).toBe(true); // 2 < 3
    // R0 hidden: the row totals line R0 + R1 = T would reveal it: R1 (the smaller) or T goes.
    expect(hidden.has('R1') || hidden.has('T')).toBe(true);
  });

  it('holds on random tables: all small cells hidden, no equation with exactly one hidden', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 300; n++) {
      const rows = 1 + Math.floor(rand() * 6);
      const cols = 1 + Math.floor(rand() * 5);
      const counts = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => Math.floor(rand() * rand() * 12)),
      );
      const problem = grid(counts);
      for (const minCell of [1, 3, 5]) expectSafe(problem, suppress(problem, minCell), minCell);
    }
  });

  it('is deterministic', () => {
    const problem = grid([
      [2, 2, 9, 1],
      [4, 6, 3, 3],
      [0, 5, 5, 8],
    ]);
    expect([...suppress(problem)]).toEqual([...suppress(problem)]);
  });
});

describe('published tables (Layout)', () => {
  it('prints 「<3」 with a null value, totals beside, and a shared total hidden everywhere it is printed', () => {
    const layout = new Layout();
    const common = {
      unit: '件',
      rowHeader: '月',
      rows: ['4月', '5月'],
      rowTotals: { keys: ['m0', 'm1'] },
      columnTotals: {},
      grandTotal: { key: 'all', sums: 'both' as const },
    };
    // Table A: May's total (2) is small; table B prints the same monthly totals.
    layout.grid({
      ...common,
      key: 'a',
      title: 'A',
      columns: ['x', 'y'],
      counts: [
        [10, 12],
        [1, 1],
      ],
    });
    layout.grid({
      ...common,
      key: 'b',
      title: 'B',
      columns: ['p', 'q'],
      counts: [
        [20, 2],
        [2, 0],
      ],
    });
    const [a, b] = layout.render(3);
    expect(a!.rowTotals!.map((c) => c.text)).toEqual(b!.rowTotals!.map((c) => c.text));
    expect(a!.rowTotals![1]).toEqual({ value: null, suppressed: true, text: '<3' });
    // Hiding May's total leaves the totals line with one hidden: April's (or the corner) goes too.
    expect(a!.rowTotals![0]!.suppressed || a!.grandTotal!.suppressed).toBe(true);
    expect(a!.cells[1]!.map((c) => c.text)).toEqual(['<3', '<3']);
    // A shown cell carries its count.
    for (const c of [...a!.cells.flat(), ...b!.cells.flat()]) expect(c.suppressed).toBe(c.value === null);
  });

  it('refuses a key published with two values (two tables disagreeing on one total)', () => {
    const layout = new Layout();
    const base = { unit: '件', rowHeader: '', rows: ['r'], columns: ['c'], rowTotals: { keys: ['same'] } };
    layout.grid({ ...base, key: 'a', title: 'A', counts: [[4]] });
    expect(() => layout.grid({ ...base, key: 'b', title: 'B', counts: [[5]] })).toThrow(
      /published as 4 and as 5/,
    );
  });
});
