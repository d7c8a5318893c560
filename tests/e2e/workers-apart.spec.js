// Workers that share no memory: a process pool's start methods each pay their own start-up, and a
// pool of subinterpreters computes in parallel, each worker starting its own interpreter and
// copying its results back.
import { cpus } from 'node:os';
import { declaredDemos, pageOffering } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { MODELS, readRun, runDemo } from '../support/lab.js';

const demos = Object.fromEntries(declaredDemos().map((demo) => [demo.id, demo]));

// The first figure of `demo` on the page that offers `model`.
async function figureOffering(page, demo, model, label) {
  const where = pageOffering(demo, model);
  if (!where) throw new Error(`No lesson offers the ${demo.id} demo with its model ${model}.`);
  await page.goto(where);
  return page
    .locator(`figure[data-lab*='"id":"${demo.id}"']`)
    .filter({ has: page.getByRole('checkbox', { name: label, exact: true }) })
    .first();
}

test('spawn pays its start-up in every worker, fork hardly any', { tag: '@timed' }, async ({ reader: page }) => {
  const demo = demos.downloads;
  const figure = await figureOffering(page, demo, 'processes_spawn', 'Process pool, spawn');
  await runDemo(figure, demo, { tasks: 2, workers: 2, latency_ms: 100, fork_ms: 0, spawn_ms: 1500, copy_kb: 0 }, [
    'processes_fork',
    'processes_spawn',
  ]);
  const fork = await readRun(figure, 'processes_fork');
  const spawn = await readRun(figure, 'processes_spawn');
  // The browser's own worker start is the floor under both; spawn's 1.5 s comes on top of none.
  expect(spawn.wallMs / fork.wallMs).toBeGreaterThan(1.5);
  expect(spawn.results).toBe(2);
});

// The start-up bars' widths, lane by lane, as fractions of the widest.
async function startupWidths(figure, model) {
  const run = figure.getByRole('region', { name: MODELS[model].label, exact: true });
  const bars = run.locator('.lab-bar.is-startup');
  const widths = await bars.evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().width));
  if (widths.length === 0) throw new Error(`${model} drew no start-up`);
  return widths;
}

test(
  'fork starts workers one after another; spawned workers start together and share the cores',
  { tag: '@timed' },
  async ({ tab: page }) => {
    // Two cores, whatever this machine has: four spawned start-ups then take two rounds.
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 2 }));
    const demo = demos.downloads;
    const figure = await figureOffering(page, demo, 'processes_spawn', 'Process pool, spawn');
    // Start-ups long beside the browser's own start of four workers, which is the floor under both.
    await runDemo(figure, demo, { tasks: 4, workers: 4, latency_ms: 10, fork_ms: 500, spawn_ms: 500, copy_kb: 0 }, [
      'processes_fork',
      'processes_spawn',
    ]);
    const fork = await startupWidths(figure, 'processes_fork');
    const spawn = await startupWidths(figure, 'processes_spawn');
    expect(fork).toHaveLength(4);
    expect(spawn).toHaveLength(4);
    // Fork: 0.5, 1, 1.5 and 2 s, a stair; spawn: four start-ups of 0.5 s on two cores, 1 s each.
    expect(fork[3] / fork[0]).toBeGreaterThan(2.5);
    expect(fork[1] / fork[0]).toBeGreaterThan(1.4);
    expect(Math.max(...spawn) / Math.min(...spawn)).toBeLessThan(1.3);
    expect(spawn[0] / fork[0]).toBeGreaterThan(1.5);
    expect(spawn[0] / fork[3]).toBeLessThan(0.7);
  },
);

test(
  'subinterpreters compute side by side, start an interpreter each, and copy their results',
  { tag: '@timed' },
  async ({ reader: page }) => {
    test.skip(cpus().length < 2, 'needs two cores');
    const demo = demos.squares;
    const figure = await figureOffering(page, demo, 'subinterpreters', 'Subinterpreter pool');
    const values = { tasks: 2, workers: 2, millions: 300, copy_kb: 50000, interpreter_ms: 10 };
    // The first run of a threaded build after the page loads is slower: one small run first.
    await runDemo(figure, demo, { ...values, millions: 30 }, ['sequential', 'subinterpreters']);
    let ratio = Infinity;
    // The machine is shared: a few tries for a quiet moment; the bound itself never moves.
    for (let attempt = 0; attempt < 3 && ratio >= 0.8; attempt += 1) {
      await runDemo(figure, demo, values, ['sequential', 'subinterpreters']);
      ratio = (await readRun(figure, 'subinterpreters')).wallMs / (await readRun(figure, 'sequential')).wallMs;
    }
    expect(ratio).toBeLessThan(0.8);
    const run = figure.getByRole('region', { name: 'Subinterpreter pool', exact: true });
    await expect(run.locator('.lab-lane-name')).toHaveText(['interpreter 1', 'interpreter 2']);
    await expect(run.locator('.lab-bar.is-startup')).toHaveCount(2);
    await expect(run.locator('.lab-seg.is-copy')).toHaveCount(2);
    await expect(run.locator('.lab-seg.is-gil')).toHaveCount(0);
  },
);
