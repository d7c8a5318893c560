// How a learner drives a demo: choose models, fill in numbers, press Run, read what it shows.
import { readFileSync } from 'node:fs';
import { expect } from './fixtures.js';

// The lab's models (labels as the controls and run sections show them, backends, lanes), from
// their one declaration. Read, not imported: JSON import attributes need a newer Node.
export const MODELS = JSON.parse(readFileSync('wasm/runtime/lab/models.json', 'utf8'));

// Whether parameter `name` matters to `model`: a demo's own parameters matter to every model, the
// lab's well-known ones (those some model `uses`) only to the models that use them.
const WELL_KNOWN = new Set(Object.values(MODELS).flatMap((model) => model.uses));
export const concerns = (model, name) => !WELL_KNOWN.has(name) || MODELS[model].uses.includes(name);

// A demo's parameters that make tasks fail, never answer, or lose their process
// (wasm/demos/failures, wasm/demos/crashes).
const FAILURE_RATE = /^(fail|hang|crash)_rate$/;

// Whether a demo's defaults make some tasks fail or their processes die: every task still ends,
// some without a result.
export const failsByDefault = (demo) =>
  demo.params.some((spec) => /^(fail|crash)_rate$/.test(spec.name) && spec.default > 0);

// Values under which every task of a demo ends with its result: no failure, hang, crash or
// deadlock (wasm/demos/deadlock: lock_order's largest value is one order for every thread).
export const noFailures = (demo) =>
  Object.fromEntries(
    demo.params.flatMap((spec) => {
      if (FAILURE_RATE.test(spec.name)) return [[spec.name, spec.min]];
      if (spec.name === 'lock_order') return [[spec.name, spec.max]];
      return [];
    }),
  );

// The longest run a demo allows: its largest values, with no task failing, hanging or losing its
// process (a failure would end a run early, on purpose).
export const largestValues = (demo) => ({
  ...Object.fromEntries(demo.params.map((spec) => [spec.name, spec.max])),
  ...noFailures(demo),
});

// Whether a demo's defaults take locks in opposite orders (wasm/demos/deadlock): its runs then end
// deadlocked, by design, with no task finished.

export const endsInDeadlock = (demo) => demo.params.some((spec) => spec.name === 'lock_order' && spec.default === 0);

export const demoFigure = (page, demo) => page.locator(`figure#demo-${demo.id}`);

// A number field, or a select for a parameter that names its values (`choices`).
export const inputFor = (figure, spec) =>
  figure.getByRole(spec.choices ? 'combobox' : 'spinbutton', { name: new RegExp(`^${spec.label}`) });

export const modelBox = (figure, model) => figure.getByRole('checkbox', { name: MODELS[model].label, exact: true });

// Sets the given values ({ name: value }), keeps only `models` checked if given, presses Run
// and waits until every chosen model has run.
export async function runDemo(figure, demo, values = {}, models = null) {
  await startRun(figure, demo, values, models);
  await expect(figure).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
}

// Scrolls to a demo, as a learner reading down to it (a demo loads only when the learner comes
// near it: js/lab/runtime.js), and waits until it can run.
export async function reachDemo(figure, timeout = 30_000) {
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-state', 'ready', { timeout });
}

export async function startRun(figure, demo, values = {}, models = null) {
  await reachDemo(figure);
  for (const [name, value] of Object.entries(values)) {
    const spec = demo.params.find((param) => param.name === name);
    const input = inputFor(figure, spec);
    // A page hides the lab's parameters that the models it offers do not use.
    if (!(await input.isVisible())) continue;
    if (spec.choices) await input.selectOption(String(value));
    else await input.fill(String(value));
  }
  if (models) {
    // Every model the page offers: a lesson may offer only some of a demo's.
    for (const model of Object.keys(MODELS)) {
      const box = modelBox(figure, model);
      if (await box.count()) await box.setChecked(models.includes(model));
    }
  }
  // On a busy machine a click on Run was lost once (Run took the focus, no run began; why is not
  // known: a page that moved between press and release would do it). The form's submit event
  // says whether the click reached it; if it did not, the click is made again, as a learner would.
  const run = figure.getByRole('button', { name: 'Run' });
  await run.evaluate(({ form }) => {
    if (!('submitted' in form)) form.addEventListener('submit', () => (form.submitted += 1));
    form.submitted = 0;
  });
  const submitted = () => run.evaluate(({ form }) => form.submitted);
  await expect(async () => {
    if ((await submitted()) === 0) await run.click({ timeout: 5_000 });
    expect(await submitted(), 'Run pressed').toBeGreaterThan(0);
  }).toPass({ timeout: 30_000 });
  // The submit handler marks the figure running before it yields, so "ready" means finished.
}

// What one model's run shows: its wall time, its lanes and its result rows.
export async function readRun(figure, model) {
  const run = figure.getByRole('region', { name: MODELS[model].label, exact: true });
  return {
    wallMs: Number(await run.locator('output').getAttribute('data-ms')),
    wallText: await run.locator('output').textContent(),
    lanes: await run.locator('.lab-lane').count(),
    results: await run.locator('.lab-results tbody tr[data-finished="true"]').count(),
    // Tasks that ended at all: with their result, an error, a timeout, or cancelled.
    ended: await run.locator('.lab-results tbody tr:not([data-outcome="unfinished"])').count(),
  };
}

export const inputValue = (figure, demo, name) =>
  inputFor(
    figure,
    demo.params.find((spec) => spec.name === name),
  ).inputValue();

// How many lanes a model draws for `tasks` tasks on `workers` workers.
export function expectedLanes(model, tasks, workers) {
  return { one: 1, per_worker: Math.min(tasks, workers), per_task: tasks }[MODELS[model].lanes];
}

// A short run in which every task ends with its result: the demo's defaults (every one given, so
// that a run after the largest one is short too) with three tasks on two workers.
export const smallValues = (demo) => ({
  ...Object.fromEntries(demo.params.map((spec) => [spec.name, spec.default])),
  tasks: 3,
  ...(demo.params.some((s) => s.name === 'workers') ? { workers: 2 } : {}),
  ...noFailures(demo),
});

// The page's number of workers once it has stopped changing (the same for half a second): a run's
// end ends its process pool and starts the spares for the next run, which the browser reports a
// moment later.
export async function settledWorkerCount(page) {
  const counts = [];
  for (let read = 0; read < 100; read += 1) {
    counts.push(page.workers().length);
    if (counts.length >= 6 && counts.slice(-6).every((count) => count === counts.at(-1))) return counts.at(-1);
    await page.waitForTimeout(100);
  }
  throw new Error(`the page's workers did not settle in 10 s: ${counts.join(', ')}`);
}
