// How faithful the lab's models are: each lesson's Python program, run for real, beside the lab's
// model of it in the browser, with the same tasks, latency and workers, in the same run. Ratios
// to one after another are compared, not milliseconds: Python and the lab compute at different
// speeds, but a model is right if it divides the time the way Python does.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { startupSchedule } from '../../themes/course/assets/js/lab/startup.js';
import { widestEmbed } from '../support/course.js';

// Debian's python3 has requests and aiohttp; a python3 earlier on PATH may not (see Makefile).
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
// Five rounds: with three, a start method's row moved by 20% between runs at different times
// (Python's side more than the lab's), as one slow round was enough to move a median.
const REPEATS = 5;
// The CPU rows' Python is the least steady. Measured here: this machine (a VM) has spells, from
// seconds to minutes, in which Python's threads and processes run slower than they can while its
// one-after-another runs do not: two threads under the GIL took 1.85 s against 1.35, a pool of two
// processes 1.07 s against 0.72 while it kept 1.6 cores busy, not 1.85, with Chromium idle beside
// it (0.02 CPU-s at most during a run). The lab's runs next to them were slowed less, or not: in
// one run of this part all seven of Python's pool runs were slow (0.84× against 0.55× quiet) and
// none of the lab's. A spell only adds time, so these rows compare each way's fastest run (the fastest threads
// ÷ the fastest one after another, on each side, as timeit takes the fastest of its repeats), and
// take their eight rounds in two halves, one before the rest of this part and one after it,
// minutes apart. Each round runs the ways in an order turned by one from the last.
const CPU_REPEATS = 8;
// A model's ratio within this share of Python's (medians, or the CPU rows' fastest runs).
const FIDELITY_SLACK = 0.1;
const FIDELITY_TARGET = `within ${FIDELITY_SLACK * 100}% of Python's`;
const run = promisify(execFile);

// The I/O programs: 20 pages, each answered after 100 ms by the course's page server
// (site/python/page_server.py).
const IO = { tasks: 20, latency_ms: 100, workers: 8 };
// The CPU program: 4 sums on 2 workers, each sum a few hundred ms in both (Python squares
// about 30 million numbers a second on this machine, the lab's wasm about 3 billion).
const CPU = { tasks: 4, workers: 2, size: 10_000_000, millions: 1000 };

// Each comparison: a way of running the program, and the lab model that stands for it.
const DOWNLOAD_WAYS = [
  { way: 'sequential', model: 'sequential', label: 'one after another' },
  { way: 'threads', model: 'gil_threads', label: `threads, ${IO.workers} workers` },
  { way: 'asyncio', model: 'event_loop', label: 'asyncio.gather / event loop' },
  { way: 'processes', model: 'processes', label: `processes, ${IO.workers} workers` },
];
const CPU_MODES = [
  { way: 'sequential', model: 'sequential', label: 'one after another' },
  { way: 'threads', model: 'gil_threads', label: `threads, ${CPU.workers} workers (GIL)` },
  { way: 'processes', model: 'processes', label: `processes, ${CPU.workers} workers` },
];

// How Python runs here: no bytecode left in the checkout, and the page server on 127.0.0.1 reached
// directly, whatever proxy the environment names.
export const PYTHON_ENV = {
  ...process.env,
  PYTHONDONTWRITEBYTECODE: '1',
  NO_PROXY: '127.0.0.1',
  no_proxy: '127.0.0.1',
};

async function python(program, args) {
  const { stdout } = await run(PYTHON, [`content/lessons/${program}`, ...args], {
    env: PYTHON_ENV,
  });
  return stdout;
}

// Seconds from a line `... Downloaded N sites in S seconds` (or `... in S seconds`), checking the
// count where there is one: a run that skipped a page would look faster than it is.
function seconds(line, pages) {
  const match = / (?:Downloaded (\d+) sites )?in (\d+\.\d+) seconds$/.exec(line ?? '');
  if (!match) throw new Error(`unexpected output: ${line}`);
  if (match[1] !== undefined && Number(match[1]) !== pages) throw new Error(`not every page fetched: ${line}`);
  return Number(match[2]);
}

// Starts the course's page server on a free port; resolves to { url, stop }. Its first line
// names its address: "Serving pages at http://127.0.0.1:PORT/: …".
export async function latencyServer(latencySeconds) {
  const server = spawn(PYTHON, ['site/python/page_server.py', '--latency', String(latencySeconds), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(createInterface({ input: server.stdout }), 'line');
  const url = / at (http:\/\/\S+\/):/.exec(line)?.[1];
  if (!url) throw new Error(`the page server did not say where it listens: ${line}`);
  return { url, stop: () => server.kill() };
}

const lastLine = (output) => output.trim().split('\n').at(-1);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ratio = (x) => `${x.toFixed(2)}×`;
const spread = (ratios) =>
  `${ratio(median(ratios))} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;

// Opens the page that offers the most of a demo's models, or the first that offers `models`.
function openWidest(openDemo, demos, id, models = null) {
  const demo = demos.find((d) => d.id === id);
  if (!demo?.embeds.length) throw new Error(`no page of the built site embeds the ${id} demo`);
  if (!models) return openDemo(id, widestEmbed(demo).page);
  const embed = demo.embeds.find((e) => models.every((model) => e.models.includes(model)));
  if (!embed) throw new Error(`no page offers the ${id} demo with ${models.join(', ')}`);
  return openDemo(id, embed.page);
}

// asyncio and the process pool's start methods, each beside the model that stands for it.
const ASYNCIO_WAYS = [DOWNLOAD_WAYS[0], DOWNLOAD_WAYS[2]];
// The start methods beside their models. Before gh-126631's fix (Python 3.13.8 and 3.14.1), each
// forkserver worker imports the program again after its fork, as a spawned worker does: with such
// a Python, the lab's spawn stands for it, with that forkserver's own start-up as spawn_ms
// (`spawnMs`: its workers start a little later than spawned ones, and its server first), and the
// lab's forkserver (the fixed one) has no Python here to compare with.
function startMethodWays(forkserverFixed) {
  const way = (method, model, label) => ({ way: method, model, label: `processes (${label}), ${IO.workers} workers` });
  return [
    { way: 'threads', model: 'gil_threads', label: `threads, ${IO.workers} workers` },
    way('fork', 'processes_fork', 'fork'),
    way('spawn', 'processes_spawn', 'spawn'),
    forkserverFixed
      ? way('forkserver', 'processes_forkserver', 'forkserver')
      : {
          ...way('forkserver', 'processes_spawn', 'forkserver before 3.13.8: each worker imports the program again'),
          spawnMs: 'old_forkserver_ms',
        },
    ...(forkserverFixed
      ? []
      : [
          {
            way: null,
            model: 'processes_forkserver',
            label: `processes (forkserver from 3.13.8 and 3.14.1 on), ${IO.workers} workers`,
            unmeasured: 'no such Python here',
          },
        ]),
  ];
}

// Python 3.13.8 and later 3.13s, 3.14.1 and later: the forkserver that imports the program once.
const hasFixedForkserver = (version) => {
  const [major, minor, micro] = version.split('.').map(Number);
  return major > 3 || (major === 3 && (minor > 14 || (minor === 14 && micro >= 1) || (minor === 13 && micro >= 8)));
};

// A way's key in a round's runs: its way of running the program, or its model where Python has none.
const wayKey = (w) => w.way ?? w.model;

// One lab run for `ways`, each way's model with its values: `values` is one object for all, or a
// function of the way (a download's CPU cost is aiohttp's on the event loop, requests' elsewhere;
// two ways may share a model with different start-ups). Ways whose values are the same run
// together, each model once. Resolves to each way's wall time, by its key.
async function labRound(lab, values, ways) {
  const valuesOf = typeof values === 'function' ? values : () => values;
  const groups = new Map();
  for (const w of ways) {
    const key = JSON.stringify(valuesOf(w));
    groups.set(key, [...(groups.get(key) ?? []), w]);
  }
  const times = {};
  for (const [key, group] of groups) {
    const walls = await lab.run(JSON.parse(key), [...new Set(group.map((w) => w.model))]);
    for (const w of group) times[wayKey(w)] = walls[w.model];
  }
  return times;
}

// Runs `repeats` rounds of: the Python program(s) (pythonRound(i) for round i, counted from
// `first`), then the lab's models, with the same values; adds them to `runs` ({ pythonRuns, labRuns }).
// `roundValues(pythonRound's result, lab)`, if given, makes each round's values from what its Python
// run measured (and may measure the lab first: labPaceNow).
async function collectRounds({ ways, pythonRound, lab, values, roundValues, repeats, first = 0 }, runs) {
  for (let i = first; i < first + repeats; i += 1) {
    const pythonRun = await pythonRound(i);
    runs.pythonRuns.push(pythonRun);
    runs.labRuns.push(await labRound(lab, roundValues ? await roundValues(pythonRun, lab) : values, ways));
  }
  return runs;
}

// Rounds of the Python programs and the lab's models, then one row per way (rowsOf below).
// Every round's times and values, by comparison: written beside the report (ROUNDS_FILE), for
// whoever wants to see what a row's median came from.
const roundsByComparison = {};
export const ROUNDS_FILE = 'build/bench/fidelity-rounds.json';

async function compare({ repeats = REPEATS, ...comparison }) {
  const runs = await collectRounds({ ...comparison, repeats }, { pythonRuns: [], labRuns: [] });
  roundsByComparison[comparison.title] = runs;
  return rowsOf(comparison, runs);
}

// One row per way: { comparison, python, lab, target, met, off }. Ratios are to `baseline`, one of
// the ways (one after another unless said); the median of the rounds' ratios, or with `fastest`,
// each way's fastest round ÷ the baseline's fastest.
function rowsOf({ title, ways, baseline = 'sequential', fastest = false }, { pythonRuns, labRuns }) {
  return ways.map((w) => {
    const base = ways.find((b) => b.way === baseline);
    const model = labRuns.map((r) => r[wayKey(w)] / r[wayKey(base)]);
    if (w.unmeasured) {
      const label = `${title}: ${w.label} (lab: ${w.model})`;
      return { comparison: label, python: `not measured: ${w.unmeasured}`, lab: spread(model), target: '—', met: null };
    }
    const py = pythonRuns.map((r) => r[w.way] / r[baseline]);
    const quickest = (runs, way, base) => Math.min(...runs.map((r) => r[way])) / Math.min(...runs.map((r) => r[base]));
    const [pyRatio, labRatio] = fastest
      ? [quickest(pythonRuns, w.way, baseline), quickest(labRuns, wayKey(w), wayKey(base))]
      : [median(py), median(model)];
    // The goal: the model divides the time as Python does, its ratio within 10% of Python's.
    const off = labRatio / pyRatio - 1;
    const shown = (value, ratios) =>
      fastest
        ? `${ratio(value)} fastest (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`
        : spread(ratios);
    const row = {
      comparison: `${title}: ${w.label} (lab: ${w.model})`,
      python: shown(pyRatio, py),
      lab: shown(labRatio, model),
      target: FIDELITY_TARGET,
      met: Math.abs(off) <= FIDELITY_SLACK,
      off,
    };
    if (w.way === baseline) {
      row.target = '—';
      row.met = null;
      // The one place for absolute times: what "1.00×" stands for on each side.
      const typical = fastest ? (times) => Math.min(...times) : median;
      row.python = `1.00× = ${typical(pythonRuns.map((r) => r[baseline])).toFixed(2)} s`;
      row.lab = `1.00× = ${(typical(labRuns.map((r) => r[wayKey(w)])) / 1000).toFixed(2)} s`;
    }
    return row;
  });
}

let loadAtStart;
let loadAtEnd;

// What the lab's start-up parameters stand for, measured: when each of io_processes.py's pool
// workers is ready (its initializer run), by start method (tests/bench/pool_startup.py), beside
// the lab's schedule for the same pool with the demo's defaults (js/lab/startup.js). Returns
// { rows: [{ method, python: [first, last], returned, lab: [first, last], … }], measured }, where
// `measured` holds the parameters as this machine's Python shows them (startupParameters).
async function measureStartups() {
  const models = JSON.parse(readFileSync('wasm/runtime/lab/models.json', 'utf8'));
  const demo = JSON.parse(readFileSync('wasm/demos/downloads/demo.json', 'utf8'));
  const defaults = Object.fromEntries(demo.params.map(({ name, default: value }) => [name, value]));
  const measured = await poolStartups(['fork', 'spawn', 'forkserver'], REPEATS);
  const cores = availableParallelism();
  const rows = ['fork', 'spawn', 'forkserver'].map((method) => {
    const rounds = measured[method];
    const lab = startupSchedule(models[`processes_${method}`].start, defaults, IO.workers, cores);
    return {
      method,
      python: [median(rounds.map((r) => r.ready[0])), median(rounds.map((r) => r.ready.at(-1)))],
      returned: median(rounds.map((r) => r.returned)),
      lab: [lab[0], lab.at(-1)],
      parameters: models[`processes_${method}`].start,
      defaults,
    };
  });
  return { rows, measured: startupParameters(measured.fork, measured.spawn) };
}

// pool_startup.py's pools of each of `methods`, `rounds` of each: { method: [{ ready, returned }] }.
async function poolStartups(methods, rounds) {
  const { stdout } = await run(PYTHON, [
    'tests/bench/pool_startup.py',
    '--workers',
    String(IO.workers),
    '--rounds',
    String(rounds),
    '--methods',
    methods.join(','),
  ]);
  return JSON.parse(stdout);
}

// The lab's start-up parameters from forked and spawned pools, medians over the pools given:
// fork_ms, the parent's fork of one worker (Pool()'s return ÷ workers: it forks them one after
// another and returns after the last, before that one has run its initializer), and spawn_ms, a
// spawned worker's start-up (the last ready × cores ÷ workers, as they start together and share
// the cores).
const startedTogetherMs = (pools) =>
  Math.round((median(pools.map((pool) => pool.ready.at(-1))) * availableParallelism()) / IO.workers);
const startupParameters = (forked, spawned) => ({
  fork_ms: Math.round(median(forked.map((pool) => pool.returned)) / IO.workers),
  spawn_ms: startedTogetherMs(spawned),
});

// A forked worker's first download beyond its later ones, in `program`'s pool of processes
// (io_processes.py's or four_ways.py's: tests/bench/download_cost.py), in ms.
async function copyOnWriteMs(program, urls) {
  const { stdout } = await run(PYTHON, ['tests/bench/download_cost.py', program, ...urls], { env: PYTHON_ENV });
  return Math.round(JSON.parse(stdout).copy_on_write_ms);
}

// What a pool of processes costs this machine's Python now, measured just before a round's
// programs: the start-ups (pool_startup.py: fork_ms from the median of three forked pools, as one
// pool's ranged 16–36 ms; spawn_ms from one spawned pool, whose eight workers vary less), and the
// first download's extra work in a forked worker of `program` (copy_on_write_ms). With
// `oldForkserver`, also old_forkserver_ms: a worker's start-up in a pool of a forkserver from
// before gh-126631's fix, measured as spawn_ms is (its workers, forked by the server, each import
// the program again, together). Each measured once at the start of this part, a slow or a quick
// spell there carried into every round: spawn_ms was 187 in one bench and 310 in another, fork_ms
// 16 and 22, copy_on_write_ms 30–41 from bench to bench while io_processes.py's own first downloads
// cost 30 ms more than its later ones in quiet runs; the lab's rows followed where Python's did not.
async function poolCostsNow(urls, { program, oldForkserver = false }) {
  const { fork } = await poolStartups(['fork'], 3);
  const { spawn } = await poolStartups(['spawn'], 1);
  const costs = { program, ...startupParameters(fork, spawn) };
  if (oldForkserver) costs.old_forkserver_ms = startedTogetherMs((await poolStartups(['forkserver'], 1)).forkserver);
  costs.copy_on_write_ms = await copyOnWriteMs(program, urls);
  roundCosts.push(costs);
  return costs;
}
let startupRows = [];
let measuredStartups = null;
// What the pools of each round of the rows with process pools cost (poolCostsNow).
const roundCosts = [];
// The lab's values of a pool's costs (the rest is the report's). The start-ups are times, which
// the lab waits; copy_on_write_ms and cpu_ms are CPU work, which the lab does as an amount of
// work (wasm/runtime/lab/workloads.h: 3 million squares a millisecond, the pace of one core of
// the machine the course's costs were measured on): Python's milliseconds, measured now, become
// that amount at the lab's pace now (labPaceNow), which was 0.71–1.01 of the assumed one over the
// rounds of six runs of this part here.
const poolValues = ({ fork_ms, spawn_ms, copy_on_write_ms }, pace) => ({
  fork_ms,
  spawn_ms,
  copy_on_write_ms: Math.round(copy_on_write_ms * pace),
});
// The lab's pace now, against the one its CPU costs assume: PACE_MS of CPU work in three downloads
// (the downloads demo's sequential model, no latency), that amount ÷ the time they took. Measured
// just before a round's lab run, as its Python's costs were just before its programs.
const PACE_MS = 300;
async function labPaceNow(lab) {
  const tasks = 3;
  const { sequential } = await lab.run(
    { tasks, workers: 1, latency_ms: 0, jitter: 0, cpu_ms: PACE_MS / tasks, copy_kb: 0 },
    ['sequential'],
  );
  const pace = PACE_MS / sequential;
  roundPaces.push(pace);
  return pace;
}
const roundPaces = [];

// What a download costs Python's CPU here (tests/bench/download_cost.py), the median of REPEATS
// runs each, with requests and with aiohttp: the lab's cpu_ms. Rounded to the parameter's step.
async function measureDownloadCosts(urls) {
  const medianOf = async (library) => {
    const values = [];
    for (let i = 0; i < REPEATS; i += 1) {
      const { stdout } = await run(PYTHON, ['tests/bench/download_cost.py', library, ...urls], {
        env: PYTHON_ENV,
      });
      values.push(JSON.parse(stdout).cpu_ms);
    }
    return Math.round(median(values) * 10) / 10;
  };
  return { requests_cpu_ms: await medianOf('requests'), aiohttp_cpu_ms: await medianOf('aiohttp') };
}
let downloadCosts = null;
// The lab's values for a way of the downloads: the CPU per download of the library its Python
// program uses (aiohttp on the event loop, requests elsewhere), where it could be measured, at the
// lab's `pace` (poolValues).
const withDownloadCost =
  (values, pace = 1) =>
  (w) =>
    downloadCosts
      ? {
          ...values,
          cpu_ms:
            Math.round(
              (w.model.startsWith('event_loop') ? downloadCosts.aiohttp_cpu_ms : downloadCosts.requests_cpu_ms) *
                pace *
                10,
            ) / 10,
        }
      : values;

// Each core's ticks, idle and in all, from /proc/stat (Linux); null where it cannot be read.
function coreTicks() {
  try {
    return readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .filter((line) => /^cpu\d/.test(line))
      .map((line) => {
        const ticks = line.trim().split(/\s+/).slice(1).map(Number);
        return { idle: ticks[3] + ticks[4], total: ticks.reduce((sum, n) => sum + n, 0) };
      });
  } catch {
    return null;
  }
}
// The largest share of the time between two readings that one core spent idle.
const idlestCore = (before, after) =>
  Math.max(...after.map((core, i) => (core.idle - before[i].idle) / Math.max(1, core.total - before[i].total)));

// Python's pool of processes needs every core. Measured here with /proc/stat around each run: in
// spells of this machine, its kernel ran both of the pool's processes on one core for much of a
// run while the other core sat idle (idle for 20–27% of runs of 0.84–0.92 s and 37–48% of runs of
// 1.21–1.30 s, against at most 20% in runs of 0.73–0.82 s). In one bench such a spell covered
// both halves of the CPU rounds: the pool's fastest of eight runs took 0.84× of the fastest one
// after another instead of 0.55×. Such a run measures the machine, not Python: it is run again
// after a pause, a few times at most, and the report counts them.
const IDLE_CORE_LIMIT = 0.2;
const POOL_ATTEMPTS = 6;
const POOL_PAUSE_MS = 5000;
const poolRetries = [];

// cpu_threads.py's three ways, each round running them in an order turned by one from the last.
const CPU_TITLE = `cpu_threads.py, ${CPU.tasks} sums on ${CPU.workers} workers`;
const CPU_COMPARISON = {
  ways: CPU_MODES,
  values: { tasks: CPU.tasks, workers: CPU.workers, millions: CPU.millions },
  fastest: true,
  pythonRound: async (i) => {
    const round = {};
    const turned = CPU_MODES.map((_, k) => CPU_MODES[(k + i) % CPU_MODES.length]);
    const args = (way) => [
      '--tasks',
      String(CPU.tasks),
      '--size',
      String(CPU.size),
      '--workers',
      String(CPU.workers),
      '--mode',
      way,
    ];
    for (const { way } of turned) {
      for (let attempt = 1; ; attempt += 1) {
        const before = coreTicks();
        const output = await python('gil/cpu_threads.py', args(way));
        const after = coreTicks();
        const idle = way === 'processes' && before && after ? idlestCore(before, after) : 0;
        if (idle <= IDLE_CORE_LIMIT || attempt === POOL_ATTEMPTS) {
          round[way] = seconds(lastLine(output));
          break;
        }
        poolRetries.push(idle);
        await new Promise((resolve) => setTimeout(resolve, POOL_PAUSE_MS));
      }
    }
    return round;
  },
};

// Measures every comparison; returns rows of { comparison, python, lab }, one with `error` where
// a side could not be run (a program missing, a demo no page embeds).
export async function measureFidelity({ openDemo, demos }) {
  // Other work on the machine skews the CPU rows most: the report says how busy it was.
  loadAtStart = loadavg()[0];
  let startups = null;
  try {
    startups = await measureStartups();
    startupRows = startups.rows;
  } catch (error) {
    startupRows = [{ error: error.message.split('\n')[0] }];
  }
  measuredStartups = startups?.measured ?? null;
  // Half the CPU rounds before the rest of this part and half after it, a few minutes apart.
  const cpuRuns = { pythonRuns: [], labRuns: [] };
  let cpuError = null;
  const cpuRounds = async (repeats, first) => {
    const squares = await openWidest(openDemo, demos, 'squares');
    try {
      // One small run first: the browser compiles and tiers up the code on first use.
      await squares.run(
        { ...CPU_COMPARISON.values, tasks: 2, millions: 100 },
        CPU_MODES.map((m) => m.model),
      );
      await collectRounds({ ...CPU_COMPARISON, lab: squares, repeats, first }, cpuRuns);
    } finally {
      await squares.page.close();
    }
  };
  try {
    await cpuRounds(CPU_REPEATS / 2, 0);
  } catch (error) {
    cpuError = error;
  }
  const rows = [];
  const attempt = async (title, body) => {
    try {
      rows.push(...(await body()));
    } catch (error) {
      rows.push({ comparison: title, python: '—', lab: '—', error: error.message.split('\n')[0] });
    }
  };

  const server = await latencyServer(IO.latency_ms / 1000);
  const urls = Array.from({ length: IO.tasks }, (_, n) => `${server.url}page/${n}`);
  try {
    downloadCosts = await measureDownloadCosts(urls);
  } catch (error) {
    downloadCosts = null;
    rows.push({
      comparison: 'what a download costs Python',
      python: '—',
      lab: '—',
      error: error.message.split('\n')[0],
    });
  }
  // copy_kb: what a process pool copies per task, here a page's address there and its size back
  // (pickled): next to nothing, where the demo's default stands for a program that sends data.
  const io = { tasks: IO.tasks, workers: IO.workers, latency_ms: IO.latency_ms, jitter: 0, copy_kb: 0 };
  try {
    await attempt(`downloads, ${IO.tasks} × ${IO.latency_ms} ms`, async () => {
      const downloads = await openWidest(openDemo, demos, 'downloads');
      try {
        // four_ways.py's Pool() starts its workers as this Python does by default (fork on Linux
        // up to 3.13, forkserver from 3.14): its model here is the lab's pool of that start
        // method, with the costs measured in each round. (`processes`, the pool with no start-up
        // modeled, is compared on computing, below.)
        const startMethod = (
          await run(PYTHON, ['-c', 'import multiprocessing; print(multiprocessing.get_start_method())'])
        ).stdout.trim();
        await attempt('four_ways.py', () =>
          compare({
            title: `four_ways.py, ${IO.tasks} × ${IO.latency_ms} ms`,
            ways: DOWNLOAD_WAYS.map((w) => (w.way === 'processes' ? { ...w, model: `processes_${startMethod}` } : w)),
            // four_ways.py gives its aiohttp session as many connections as the pools have workers,
            // and has downloaded the pages three ways before it forks its pool, which its pool's
            // copy_on_write_ms measures.
            roundValues: async ({ costs }, lab) => {
              const pace = await labPaceNow(lab);
              return withDownloadCost({ ...io, connections: IO.workers, ...poolValues(costs, pace) }, pace);
            },
            lab: downloads,
            pythonRound: async () => {
              const costs = await poolCostsNow(urls, { program: 'four_ways' });
              const output = await python('overview/four_ways.py', ['--workers', String(IO.workers), ...urls]);
              const lines = output.split('\n');
              return {
                costs,
                ...Object.fromEntries(
                  DOWNLOAD_WAYS.map(({ way }) => [
                    way,
                    seconds(
                      lines.find((line) => line.startsWith(`${way}: `)),
                      IO.tasks,
                    ),
                  ]),
                ),
              };
            },
          }),
        );
        await attempt('io_sync.py, io_threads.py', () =>
          compare({
            title: `io_sync.py, io_threads.py, ${IO.tasks} × ${IO.latency_ms} ms`,
            ways: DOWNLOAD_WAYS.slice(0, 2),
            values: withDownloadCost(io),
            lab: downloads,
            pythonRound: async () => ({
              sequential: seconds(lastLine(await python('io-synchronous/io_sync.py', urls)), IO.tasks),
              threads: seconds(
                lastLine(await python('io-threading/io_threads.py', ['--workers', String(IO.workers), ...urls])),
                IO.tasks,
              ),
            }),
          }),
        );
      } finally {
        await downloads.page.close();
      }
      await attempt('io_asyncio.py', async () => {
        const lab = await openWidest(
          openDemo,
          demos,
          'downloads',
          ASYNCIO_WAYS.map((w) => w.model),
        );
        try {
          return await compare({
            title: `io_sync.py, io_asyncio.py, ${IO.tasks} × ${IO.latency_ms} ms`,
            ways: ASYNCIO_WAYS,
            // io_asyncio.py without --workers: aiohttp's default limit, 100 connections (CONNECTIONS).
            values: withDownloadCost({ ...io, connections: 100 }),
            lab,
            pythonRound: async () => ({
              sequential: seconds(lastLine(await python('io-synchronous/io_sync.py', urls)), IO.tasks),
              asyncio: seconds(lastLine(await python('io-asyncio/io_asyncio.py', urls)), IO.tasks),
            }),
          });
        } finally {
          await lab.page.close();
        }
      });
      // Start-up and copying are what tell the start methods apart: against threads, not the
      // sum of the waits, so that they do not vanish beside it.
      await attempt('io_processes.py', async () => {
        const version = (await run(PYTHON, ['-c', 'import platform; print(platform.python_version())'])).stdout.trim();
        const ways = startMethodWays(hasFixedForkserver(version));
        const lab = await openWidest(
          openDemo,
          demos,
          'downloads',
          ways.map((w) => w.model),
        );
        try {
          return await compare({
            title: `io_threads.py, io_processes.py by start method, ${IO.tasks} × ${IO.latency_ms} ms`,
            ways,
            baseline: 'threads',
            // What the pools cost this machine's Python in the same round, just before its programs;
            // a way that stands for an old forkserver gets that forkserver's start-up as spawn_ms.
            roundValues: async ({ costs }, lab) => {
              const pace = await labPaceNow(lab);
              return (w) => ({
                ...withDownloadCost({ ...io, ...poolValues(costs, pace) }, pace)(w),
                ...(w.spawnMs ? { spawn_ms: costs[w.spawnMs] } : {}),
              });
            },
            lab,
            pythonRound: async () => {
              const costs = await poolCostsNow(urls, {
                program: 'io_processes',
                oldForkserver: ways.some((w) => w.spawnMs === 'old_forkserver_ms'),
              });
              const round = {
                costs,
                threads: seconds(
                  lastLine(await python('io-threading/io_threads.py', ['--workers', String(IO.workers), ...urls])),
                  IO.tasks,
                ),
              };
              for (const method of ['fork', 'spawn', 'forkserver']) {
                const output = await python('io-multiprocessing/io_processes.py', [
                  '--workers',
                  String(IO.workers),
                  '--start-method',
                  method,
                  ...urls,
                ]);
                round[method] = seconds(lastLine(output), IO.tasks);
              }
              return round;
            },
          });
        } finally {
          await lab.page.close();
        }
      });
      return [];
    });
  } finally {
    server.stop();
  }

  if (!cpuError) {
    try {
      await cpuRounds(CPU_REPEATS / 2, CPU_REPEATS / 2);
    } catch (error) {
      cpuError = error;
    }
  }
  await attempt(CPU_TITLE, async () => {
    if (cpuError) throw cpuError;
    return rowsOf({ ...CPU_COMPARISON, title: CPU_TITLE }, cpuRuns);
  });
  loadAtEnd = loadavg()[0];
  roundsByComparison[CPU_TITLE] = cpuRuns;
  mkdirSync(dirname(ROUNDS_FILE), { recursive: true });
  writeFileSync(
    ROUNDS_FILE,
    JSON.stringify({ rounds: roundsByComparison, costs: roundCosts, paces: roundPaces }, null, 1),
  );
  return rows;
}

// The ranges of what the rounds' pools cost, by program (poolCostsNow).
function roundCostsText() {
  const programs = [...new Set(roundCosts.map((costs) => costs.program))];
  if (!programs.length) return 'none measured';
  const names = ['fork_ms', 'spawn_ms', 'old_forkserver_ms', 'copy_on_write_ms'];
  return programs
    .map((program) => {
      const rounds = roundCosts.filter((costs) => costs.program === program);
      const ranges = names
        .filter((name) => rounds[0][name] !== undefined)
        .map((name) => {
          const values = rounds.map((costs) => costs[name]);
          return `${name} ${Math.min(...values)}–${Math.max(...values)}`;
        });
      return `${program}.py's rounds ${ranges.join(', ')}`;
    })
    .join('; ');
}

// Met, or not with how far off the model is ("NO, lab −19%"); a baseline row has nothing to meet.
const metCell = (row) => {
  if (row.met === null) return '—';
  // One decimal: in whole percents, a row just within the slack and one just past it both read 10%.
  const off = `${row.off < 0 ? '−' : '+'}${Math.abs(row.off * 100).toFixed(1)}%`;
  return row.met ? `yes (${off})` : `NO, lab ${off}`;
};

// The report's section: what was run, and the rows as a Markdown table.
export function fidelitySection(rows) {
  return [
    "## Model fidelity: the lessons' Python programs beside the lab's models",
    '',
    `Each program runs for real (${PYTHON}; downloads from site/python/page_server.py on ` +
      `127.0.0.1, ${IO.latency_ms} ms per page), then the lab's model of it in Chromium with the same ` +
      `tasks, latency and workers; ${REPEATS} rounds (the CPU rows ${CPU_REPEATS}, each running ` +
      'the ways in a turned order, half before the other rows and half after them, and compared by ' +
      "each way's fastest run: this machine has spells in which Python's threads and processes run " +
      'slower, which only add time), each Python then the lab. CPU: Python ' +
      `\`--size ${CPU.size}\` and the lab's ${CPU.millions} millions make one sum a few hundred ms in each. ` +
      `Python's pool runs in which a core sat idle for more than ${IDLE_CORE_LIMIT * 100}% of the run (the ` +
      `kernel ran both processes on the other) were run again after ${POOL_PAUSE_MS / 1000} s, up to ` +
      `${POOL_ATTEMPTS} times each: ${
        poolRetries.length
          ? `${poolRetries.length} runs again, their idle core ${Math.round(Math.min(...poolRetries) * 100)}–` +
            `${Math.round(Math.max(...poolRetries) * 100)}% of the run`
          : 'none'
      }. ` +
      `Load average when it started: ${loadAtStart?.toFixed(1) ?? '—'}, when it ended: ` +
      `${loadAtEnd?.toFixed(1) ?? '—'} (other work skews the CPU rows most). ` +
      "The pool start-up table below gives the start-ups this machine's Python shows at the start of " +
      `this part: ${
        measuredStartups
          ? Object.entries(measuredStartups)
              .map(([name, ms]) => `${name} = ${ms}`)
              .join(', ')
          : "none could be measured: the demo's defaults"
      }; the rows with process pools measure what a pool costs again in each round, just before its ` +
      `programs (three forked pools, a spawned one, a forkserver's for io_processes.py, and a forked ` +
      `worker's first download beyond its later ones, copy_on_write_ms, in the program's own pool, ` +
      `tests/bench/download_cost.py): ${roundCostsText()}; the lab's pace against the one its CPU costs ` +
      `assume, measured before each of those rounds' lab runs (labPaceNow): ${
        roundPaces.length
          ? `${Math.min(...roundPaces).toFixed(2)}–${Math.max(...roundPaces).toFixed(2)}`
          : 'none measured'
      }` +
      "; the lab's spawned workers share this device's cores, as real ones do. The download rows give the " +
      "lab the CPU a download costs this machine's Python (tests/bench/download_cost.py, median of " +
      `${REPEATS}): ${
        downloadCosts
          ? `cpu_ms = ${downloadCosts.requests_cpu_ms} with requests, ${downloadCosts.aiohttp_cpu_ms} with ` +
            "aiohttp (the event loop's)"
          : 'none could be measured: 0, as in the demo'
      }. The lab's forkserver is ` +
      'the one in Python 3.13.8 and 3.14.1 on: a server that imports the main file once. In older Pythons ' +
      '(gh-126631) every forkserver worker imports it again after its fork, as a spawned one does: with ' +
      "such a Python, its forkserver row is compared with the lab's spawn, whose spawn_ms is then that " +
      `forkserver's own start-up (old_forkserver_ms). Every round's times and values: ${ROUNDS_FILE}.`,
    '',
    '| comparison | Python, time / one after another: median (min–max) | lab model, the same | target | met |',
    '|---|---|---|---|---|',
    ...rows.map((r) =>
      r.error
        ? `| ${r.comparison} | not measured: ${r.error} | — | ${FIDELITY_TARGET} | NO |`
        : `| ${r.comparison} | ${r.python} | ${r.lab} | ${r.target} | ${metCell(r)} |`,
    ),
    '',
    `### Pool start-up: when the ${IO.workers} workers of io_processes.py's pool are ready`,
    '',
    'From the call to Pool() to each worker having run its initializer (after importing the program, ' +
      `for spawn and forkserver), in ms: the first worker and the last, and Pool()'s return (when the ` +
      `program hands out its first task), median of ${REPEATS} pools ` +
      "(tests/bench/pool_startup.py); beside it, the lab's schedule for the same pool with the demo's " +
      `default parameters on ${availableParallelism()} cores (js/lab/startup.js). Information for ` +
      "calibrating the lab's start-up parameters; the rows above say whether the whole runs agree.",
    '',
    "| start method | Python: first ready, last ready | Python: Pool() returned | lab's defaults: first ready, last ready | the lab's parameters |",
    '|---|---|---|---|---|',
    ...startupRows.map((r) =>
      r.error
        ? `| — | not measured: ${r.error} | — | — | — |`
        : `| ${r.method} | ${r.python.map(Math.round).join(', ')} | ${Math.round(r.returned)} | ` +
          `${r.lab.map(Math.round).join(', ')} | ` +
          `${[r.parameters.server, r.parameters.each]
            .filter(Boolean)
            .map((name) => `${name} = ${r.defaults[name]}`)
            .join(', ')} |`,
    ),
  ].join('\n');
}
