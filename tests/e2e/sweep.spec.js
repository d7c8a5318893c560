// A sweep, as a learner runs one: every value of the swept parameter gets a point per model, the
// chart says what it shows, and a table holds every figure as text.
import { declaredDemos } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { MODELS, demoFigure, inputFor, modelBox, reachDemo } from '../support/lab.js';

const sweeps = [];
for (const demo of declaredDemos()) {
  for (const embed of demo.embeds) if (embed.sweep) sweeps.push({ demo, ...embed });
}

test('some lesson offers a sweep', () => {
  expect(sweeps.length).toBeGreaterThan(0);
});

for (const { demo, page: where, models, sweep } of sweeps) {
  test(`${demo.id} on ${where}: sweeping ${sweep} draws one point per value and model, with a table`, async ({
    reader: page,
  }) => {
    test.setTimeout(180_000);
    await page.goto(where);
    const figure = demoFigure(page, demo);
    await reachDemo(figure);
    const spec = demo.params.find(({ name }) => name === sweep);
    // A short sweep: few tasks, short waits, five values.
    for (const [name, value] of [
      ['tasks', 4],
      ['latency_ms', 50],
    ]) {
      const param = demo.params.find((p) => p.name === name);
      if (param && name !== sweep) await inputFor(figure, param).fill(String(value));
    }
    const upTo = spec.min + 4 * spec.step;
    await figure.getByLabel(/up to$/).fill(String(upTo));
    await figure.getByRole('button', { name: 'Sweep' }).click();
    await expect(figure).toHaveAttribute('data-state', 'ready', { timeout: 150_000 });

    const values = Array.from({ length: 5 }, (_, i) => spec.min + i * spec.step);
    const chart = figure.getByRole('img', { name: /wall time/i });
    await expect(chart).toBeVisible();
    const checked = [];
    for (const model of models) if (await modelBox(figure, model).isChecked()) checked.push(model);
    expect(checked.length).toBeGreaterThan(0);
    await expect(chart.locator('circle.point')).toHaveCount(values.length * checked.length);
    const table = figure.getByRole('table', { name: /Wall time for each/ });
    await expect(table.locator('tbody tr')).toHaveCount(values.length);
    for (const [i, value] of values.entries()) {
      const row = table.locator('tbody tr').nth(i);
      await expect(row.locator('th')).toHaveText(String(value));
      for (let m = 0; m < checked.length; m += 1) await expect(row.locator('td').nth(m)).toHaveText(/\d/);
    }
    await expect(table.locator('thead th').nth(1)).toHaveText(MODELS[checked[0]].label);
    await expect(table.locator('thead th')).toHaveCount(1 + checked.length);
  });
}
