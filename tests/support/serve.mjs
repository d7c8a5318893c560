// Serves the built site the way Netlify does: the files of public/, with the header rules of
// public/_headers (written by the build from site/hugo.toml), read by Netlify's own parser, and
// text and wasm gzipped for a browser that accepts it, as every static host compresses them.
//   node tests/support/serve.mjs PORT [--without-headers] [--log-requests] [--root DIR]   (PORT 0: any free one)
// --without-headers serves the same files with no headers at all, like a host that cannot set
// them, so the tests can check what a page does when it is not cross-origin isolated.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createGzip } from 'node:zlib';
import path from 'node:path';
import { parseAllHeaders } from '@netlify/headers-parser';

// --root DIR serves another build (a second course, tests/example-course) instead of public/.
const rootAt = process.argv.indexOf('--root');
const root = path.resolve(rootAt > 0 ? process.argv[rootAt + 1] : 'public');
const port = Number(process.argv[2] ?? 8931);
const withHeaders = !process.argv.includes('--without-headers');
// --log-requests prints each request's path, to count what a page fetched from the network.
const logRequests = process.argv.includes('--log-requests');

const { headers: rules, errors } = await parseAllHeaders({
  headersFiles: [path.join(root, '_headers')],
  configHeaders: undefined,
  minimal: false,
});
if (errors.length > 0) throw errors[0];

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  // Pagefind's index (public/pagefind/): gzipped binaries that pagefind.js fetches and unpacks itself.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

async function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // a malformed escape (/%E2) names no file: the 404 page, not a crashed server
  }
  const file = path.join(root, path.normalize(decoded));
  if (!file.startsWith(root)) return null;
  const info = await stat(file).catch(() => null);
  if (info?.isDirectory()) return resolveFile(path.posix.join(urlPath, 'index.html'));
  return info?.isFile() ? file : null;
}

// What a host compresses: text and wasm. Images, archives and Pagefind's index (gzipped already) go
// as they are.
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.xml', '.txt']);

const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url, 'http://localhost');
  if (logRequests) console.log(`${request.method} ${pathname}`);
  const file = await resolveFile(pathname);
  const served = file ?? path.join(root, '404.html');
  response.statusCode = file ? 200 : 404;
  response.setHeader('Content-Type', types[path.extname(served)] ?? 'application/octet-stream');
  if (withHeaders) {
    // Every matching rule, in order: a later rule's value of a header replaces an earlier one's,
    // as on Netlify and in `hugo server`.
    for (const rule of rules) {
      if (!rule.forRegExp.test(pathname)) continue;
      for (const [name, value] of Object.entries(rule.values)) response.setHeader(name, value);
    }
  }
  response.setHeader('Vary', 'Accept-Encoding');
  const gzip = compressible.has(path.extname(served)) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  if (!gzip) {
    createReadStream(served).pipe(response);
    return;
  }
  response.setHeader('Content-Encoding', 'gzip');
  createReadStream(served).pipe(createGzip()).pipe(response);
});
// PORT 0 takes any free port: the line says which (tests that start a server of their own read it).
server.listen(port, '127.0.0.1', () => {
  console.log(`Serving ${root} on http://127.0.0.1:${server.address().port}/${withHeaders ? '' : ' without headers'}`);
});
