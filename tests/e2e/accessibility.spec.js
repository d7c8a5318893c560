// Every page passes axe-core's WCAG A and AA rules, in the light and the dark theme: what a
// screen reader, a keyboard or tired eyes need. Each page loads once and is walked in both
// themes: the theme follows prefers-color-scheme, which switches without a reload.
import { declaredDemos, sitePages, widestEmbed } from '../support/course.js';
import { axeResults, violationSentences } from '../support/axe.js';
import { expect, test } from '../support/fixtures.js';
import { demoFigure, runDemo } from '../support/lab.js';

const SCHEMES = ['light', 'dark'];
// Of those rules, the ones that read colours. The themes differ in colours only (course.css
// declares each as light-dark(…)), so every rule runs in the first theme, and these in the others.
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

// The violations of the page (or of the part `selector` names) in each theme, as sentences.
async function violations(page, selector = null) {
  const found = [];
  const backgrounds = new Set();
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    // The page follows the scheme without a reload, or this walks one theme twice.
    backgrounds.add(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    const rules = colorScheme === SCHEMES[0] ? null : COLOUR_RULES;
    const results = await axeResults(page, { include: selector, rules });
    const ran = new Set(
      ['passes', 'violations', 'incomplete', 'inapplicable'].flatMap((k) => results[k].map((r) => r.id)),
    );
    for (const rule of COLOUR_RULES) expect(ran, `${colorScheme}: axe ran ${rule}`).toContain(rule);
    found.push(...violationSentences(results).map((sentence) => `${colorScheme}: ${sentence}`));
  }
  expect(backgrounds.size, 'the light and the dark theme differ').toBe(SCHEMES.length);
  return found;
}

for (const path of sitePages()) {
  test(`${path} has no accessibility violations, light or dark`, async ({ reader: page }) => {
    test.setTimeout(120_000); // axe walks every node of a lesson twice: deck, transcript, handout, demos
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await violations(page)).toEqual([]);
  });
}

// Each demo after a short run, on the page that offers most of its models: its timelines and chart.
for (const demo of declaredDemos().filter(({ embeds }) => embeds.length)) {
  test(`demo ${demo.id} after a run, with its timelines and chart, has no accessibility violations, light or dark`, async ({
    reader: page,
  }) => {
    test.setTimeout(120_000);
    const { page: where } = widestEmbed(demo);
    await page.goto(where);
    const figure = demoFigure(page, demo);
    await runDemo(figure, demo, { tasks: 3 });
    await expect(figure.locator('.lab-run')).not.toHaveCount(0);
    expect(await violations(page, `#demo-${demo.id}`)).toEqual([]);
  });
}
