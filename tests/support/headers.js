// The response headers as site/hugo.toml [server.headers] declares them, once, for the tests that
// hold the build (tests/build/headers.test.mjs) and the servers (tests/e2e/headers.spec.js) to it.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

export const declared = parse(readFileSync('site/hugo.toml', 'utf8')).server.headers;

// The header values the declaration gives `urlPath`: every rule whose folder holds it, in order,
// a later rule's value replacing an earlier one's. Header names in lower case, as fetch gives them.
export function expectedHeaders(urlPath) {
  const headers = {};
  for (const rule of declared) {
    if (!urlPath.startsWith(rule.for.replace(/\*\*$/, ''))) continue;
    for (const [name, value] of Object.entries(rule.values)) headers[name.toLowerCase()] = value;
  }
  return headers;
}
