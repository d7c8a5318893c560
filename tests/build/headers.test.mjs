// The declared response headers (site/hugo.toml [server.headers], tests/support/headers.js) against
// the built site: Netlify reads them from public/_headers alone, and what is kept a year has an
// address that changes with its content. The servers' answers are tests/e2e/headers.spec.js's.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'smol-toml';
import { declared, expectedHeaders } from '../support/headers.js';

test('Netlify reads the headers from public/_headers only: netlify.toml declares none', () => {
  assert.equal(parse(readFileSync('netlify.toml', 'utf8')).headers, undefined);
  assert.ok(declared.length > 1, 'rules are declared');
});

test('files kept a year have an address that changes with their content', () => {
  // Every file under a rule that marks it immutable carries a hash in its path.
  const immutable = declared.filter((rule) => /immutable/.test(rule.values['Cache-Control'] ?? ''));
  for (const folder of ['/js/**', '/css/**', '/wasm/**'])
    assert.ok(
      immutable.some((rule) => rule.for === folder),
      folder,
    );
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
  let checked = 0;
  for (const rule of immutable) {
    for (const file of walk(path.join('public', rule.for.replace(/\*\*$/, '')))) {
      assert.match(path.relative('public', file), /[./][0-9a-f]{12,}[./]/, 'a fingerprint or a versioned folder');
      checked += 1;
    }
  }
  assert.ok(checked > 20, `${checked} files checked`);
  // And a page is never kept: its next visit asks again.
  assert.match(expectedHeaders('/lessons/gil/')['cache-control'], /max-age=0|no-cache/);
});
