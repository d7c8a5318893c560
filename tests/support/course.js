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

// Every demo declared in wasm/demos/*/demo.json, with `page`: the first built page showing it.
export function declaredDemos() {
  const pages = htmlFiles('public').map((file) => ({ file, html: readFileSync(file, 'utf8') }));
  return readdirSync('wasm/demos').map((dir) => {
    const demo = JSON.parse(readFileSync(path.join('wasm/demos', dir, 'demo.json'), 'utf8'));
    // Minified HTML drops the quotes around attribute values.
    const embeds = new RegExp(`id="?demo-${demo.id}[\\s">]`);
    const host = pages.find(({ html }) => embeds.test(html));
    const page = host && '/' + path.relative('public', host.file).replace(/index\.html$/, '');
    return { ...demo, page };
  });
}
