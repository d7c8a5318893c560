// What the tests walk: every page of the built site and every declared demo.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

// Paths of every page in public/sitemap.xml, as Hugo built it.
export function sitePages() {
  const sitemap = readFileSync('public/sitemap.xml', 'utf8');
  return [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc, 'http://x').pathname);
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(file);
    return entry.name.endsWith('.html') ? [file] : [];
  });
}

// The data-lab declaration of every demo embedded in a built page's HTML (minified or not), with
// `sweep`, the parameter its sweep offers, if any.
function embedsIn(html) {
  const unescape = (text) =>
    text.replace(
      /&(#34|quot|#39|amp|lt|gt);/g,
      (_, name) => ({ '#34': '"', quot: '"', '#39': "'", amp: '&', lt: '<', gt: '>' })[name],
    );
  return [...html.matchAll(/<figure\b[^>]*\bdata-lab=(?:'([^']*)'|"([^"]*)")[^]*?<\/figure>/g)].map(
    ([figure, single, double]) => ({
      ...JSON.parse(unescape(single ?? double)),
      sweep: figure.match(/\bdata-sweep=["']?([\w-]+)/)?.[1],
      figure: figure.match(/^<figure\b[^>]*\bid=["']?([\w-]+)/)?.[1],
    }),
  );
}

// Every demo declared in wasm/demos/*/demo.json, with `embeds`: each built page that shows it, the
// models it offers there, the parameter it sweeps, if any, and the id of its figure (a page may
// embed a demo twice) ({ page, models, sweep, figure }); and `page`, the first of them.
export function declaredDemos() {
  const pages = htmlFiles('public').map((file) => ({
    page: '/' + path.relative('public', file).replace(/index\.html$/, ''),
    embeds: embedsIn(readFileSync(file, 'utf8')),
  }));
  return readdirSync('wasm/demos').map((dir) => {
    const demo = JSON.parse(readFileSync(path.join('wasm/demos', dir, 'demo.json'), 'utf8'));
    const embeds = pages.flatMap(({ page, embeds }) =>
      embeds.filter(({ id }) => id === demo.id).map(({ models, sweep, figure }) => ({ page, models, sweep, figure })),
    );
    return { ...demo, embeds, page: embeds[0]?.page };
  });
}

// The first page that offers `model` of `demo`.
export const pageOffering = (demo, model) => demo.embeds.find(({ models }) => models.includes(model))?.page;

// The page that offers the most of a demo's models, and those models.
export const widestEmbed = (demo) => demo.embeds.reduce((a, b) => (b.models.length > a.models.length ? b : a));

// Words of the Python course that its theme must not put in front of another course's learners:
// tests/build/theme-words.test.mjs scans the theme for them, example-course.spec.js the second
// course's pages.
export const PYTHON_WORDS = /Python|CPython|GIL|asyncio|multiprocessing|\.py\b/;
