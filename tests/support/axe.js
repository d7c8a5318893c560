// axe-core's WCAG A and AA rules, as every accessibility check here runs them: over a page or the
// part a selector names, its violations as sentences that name the rule and where it failed.
import AxeBuilder from '@axe-core/playwright';
import { drawWholePage } from './whole-page.js';

// The rules of WCAG 2 A and AA, optionally only `rules` of them, over `include` or the whole page,
// drawn whole: axe cannot tell the colours behind a block not drawn, and leaves its text
// "incomplete", which passes silently.
export async function axeResults(page, { include = null, rules = null } = {}) {
  await drawWholePage(page);
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (include) axe = axe.include(include);
  if (rules) axe = axe.withRules(rules);
  return axe.analyze();
}

// "color-contrast: Elements must meet … (#a; #b; #c)": the rule, its help and up to three places.
export const violationSentences = (results) =>
  results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join('; ')})`,
  );

// The violations of the page, or of the part `include` names, as sentences; none is [].
export const axeViolations = async (page, include = null) => violationSentences(await axeResults(page, { include }));
