// Every page passes axe-core's WCAG A and AA rules, in the light and the dark theme: what a
// screen reader, a keyboard or tired eyes need.
import AxeBuilder from '@axe-core/playwright';
import { declaredDemos, sitePages, widestEmbed } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { demoFigure, runDemo } from '../support/lab.js';

const SCHEMES = ['light', 'dark'];

for (const path of sitePages())
  for (const colorScheme of SCHEMES) {
    test(`${path} has no accessibility violations, ${colorScheme}`, async ({ page }) => {
      test.setTimeout(90_000); // axe walks every node of a lesson: deck, transcript, handout, demos
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const found = results.violations.map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')})`,
      );
      expect(found).toEqual([]);
    });
  }

// Each demo after a short run, on the page that offers most of its models: its timelines and chart.
for (const demo of declaredDemos().filter(({ embeds }) => embeds.length))
  for (const colorScheme of SCHEMES) {
    test(`demo ${demo.id} after a run, with its timelines and chart, has no accessibility violations, ${colorScheme}`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      const { page: where } = widestEmbed(demo);
      await page.goto(where);
      const figure = demoFigure(page, demo);
      await runDemo(figure, demo, { tasks: 3 });
      await expect(figure.locator('.lab-run')).not.toHaveCount(0);
      const results = await new AxeBuilder({ page })
        .include(`#demo-${demo.id}`)
        .withTags(['wcag2a', 'wcag2aa'])
        .analyze();
      const found = results.violations.map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')})`,
      );
      expect(found).toEqual([]);
    });
  }
