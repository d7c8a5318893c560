// `make serve` (hugo server, site/hugo.toml) and Netlify (netlify.toml) must send the same
// headers on every path, or threads would work in development and fail in production.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { expect, test } from '@playwright/test';

const hugoRules = parse(readFileSync('site/hugo.toml', 'utf8')).server.headers;
const netlifyRules = parse(readFileSync('netlify.toml', 'utf8')).headers;

test('the dev server and Netlify send the same headers on every path', () => {
  // Each side has one rule covering every path: "/**" is Hugo's glob for it, "/*" Netlify's.
  expect(hugoRules.map((rule) => rule.for)).toEqual(['/**']);
  expect(netlifyRules.map((rule) => rule.for)).toEqual(['/*']);
  expect(hugoRules[0].values).toEqual(netlifyRules[0].values);
  expect(netlifyRules[0].values).toMatchObject({
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  });
});

test('the worker scripts of a demo get the isolation headers too', async ({ request }) => {
  for (const file of ['/wasm/downloads/downloads.js', '/wasm/downloads/downloads.wasm']) {
    const response = await request.get(file);
    expect(response.ok(), file).toBe(true);
    expect(response.headers()['cross-origin-embedder-policy'], file).toBe('require-corp');
  }
});
