// How a learner drives a demo: fill in its numbers, press Run, read what it shows.
import { expect } from './fixtures.js';

export const demoFigure = (page, demo) => page.locator(`figure#demo-${demo.id}`);

const inputFor = (figure, spec) =>
  figure.getByRole('spinbutton', { name: new RegExp(`^${spec.label}`) });

// Sets the given values ({ name: value }), presses Run and waits until every model has run.
export async function runDemo(figure, demo, values = {}) {
  for (const [name, value] of Object.entries(values)) {
    await inputFor(figure, demo.params.find((spec) => spec.name === name)).fill(String(value));
  }
  const run = figure.getByRole('button', { name: 'Run' });
  await expect(run).toBeEnabled();
  await run.click();
  // The click handler marks the figure running before it yields, so "ready" means finished.
  await expect(figure).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}

// What one model's run shows: its wall time, its lanes and its result rows.
export async function readRun(figure, label) {
  const run = figure.getByRole('region', { name: label });
  return {
    wallMs: Number(await run.locator('output').getAttribute('data-ms')),
    lanes: await run.locator('.lab-lane').count(),
    results: await run.locator('.lab-results tbody tr').count(),
  };
}

export const inputValue = (figure, demo, name) =>
  inputFor(figure, demo.params.find((spec) => spec.name === name)).inputValue();
