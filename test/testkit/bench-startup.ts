/**
 * How long the test kit takes: module load, the first start in a process (which also
 * checks the supergraph against the subgraph schemas), later starts, a first query,
 * reset and stop, two graphs started in parallel, and the lighter variants.
 *
 *     NODE_ENV=test LOG_LEVEL=silent npx tsx test/testkit/bench-startup.ts [--runs 10]
 *
 * NODE_ENV=test as under jest: otherwise Apollo Server adds SIGINT/SIGTERM handlers per
 * server (six per graph), and two graphs trip Node's MaxListeners warning.
 *
 * Prints JSON; the figures are in BENCHMARKS.md (## Test kit start-up).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;

const ms = (from: number) => Math.round((performance.now() - from) * 10) / 10;

function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { n: s.length, min: s[0], median: at(0.5), p90: at(0.9), max: s[s.length - 1] };
}

const listeners = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

async function main(): Promise<void> {
  const loadAvg = os.loadavg().map((l) => Math.round(l * 100) / 100);
  let t = performance.now();
  const { startTestGraph } = await import('../../testkit');
  const moduleLoadMs = ms(t);

  const PERSON = '{ person(id: "P-101") { id kaigo { careLevel } } }';
  t = performance.now();
  const first = await startTestGraph();
  const firstStartMs = ms(t);
  await first.stop();

  const start: number[] = [];
  const firstQuery: number[] = [];
  const reset: number[] = [];
  const stop: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    const g = await startTestGraph();
    start.push(ms(t));
    t = performance.now();
    const res = await g.query(PERSON, {}, { as: 's-kita-01' });
    firstQuery.push(ms(t));
    if (res.body.errors) throw new Error(res.text);
    t = performance.now();
    await g.reset();
    reset.push(ms(t));
    t = performance.now();
    await g.stop();
    stop.push(ms(t));
  }

  const parallel: number[] = [];
  for (let i = 0; i < Math.max(3, Math.floor(RUNS / 2)); i++) {
    t = performance.now();
    const gs = await Promise.all([startTestGraph(), startTestGraph({ town: 'empty' })]);
    parallel.push(ms(t));
    await Promise.all(gs.map((g) => g.stop()));
  }

  const variant = async (options: Parameters<typeof startTestGraph>[0]) => {
    const out: number[] = [];
    for (let i = 0; i < Math.max(3, Math.floor(RUNS / 2)); i++) {
      t = performance.now();
      const g = await startTestGraph(options);
      out.push(ms(t));
      await g.stop();
    }
    return summary(out);
  };

  const variants = {
    emptyTownStartMs: await variant({ town: 'empty' }),
    oneSiloStartMs: await variant({ silos: ['kaigo'] }),
    demoTown400SyntheticStartMs: await variant({ syntheticResidents: 400 }),
  };
  // Closed servers leave the list of active handles a tick after their close callback.
  await new Promise((r) => setTimeout(r, 100));
  console.log(
    JSON.stringify(
      {
        machine: {
          cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
          memoryGiB: Math.round(os.totalmem() / 2 ** 30),
          os: `${os.type()} ${os.release()}`,
          node: process.version,
          loadAverageAtStart: loadAvg,
        },
        runs: RUNS,
        moduleLoadMs,
        firstStartMs,
        startMs: summary(start),
        firstQueryMs: summary(firstQuery),
        resetMs: summary(reset),
        stopMs: summary(stop),
        twoInParallelMs: summary(parallel),
        ...variants,
        listenersLeft: listeners(),
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
