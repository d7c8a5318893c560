// A new author's first half hour, in a scratch copy of the course (the real content/ and wasm/
// are never written to): `make lesson` and `make demo`, the demo embedded as the lesson's message
// says, the demo compiled to WebAssembly and the site built, then the new lesson in Chromium.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../support/start-server.js';
import { expect, test } from '../support/fixtures.js';
import { MODELS, readRun, runDemo } from '../support/lab.js';

const LESSON = 'zz-first-lesson';
const DEMO = 'zz_first_demo';
const PORT = 8936;
const origin = `http://127.0.0.1:${PORT}`;

let scratch;
let server;
let messages = '';
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: scratch, encoding: 'utf8', stdio: 'pipe', ...options });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Compiling the lab's runtime twice (for threads and without), on one core: the other tests
  // run beside it.
  test.setTimeout(20 * 60_000);
  scratch = mkdtempSync(path.join(tmpdir(), 'course-new-author-'));
  for (const entry of ['Makefile', 'content', 'site', 'themes', 'wasm', 'package.json']) {
    cpSync(entry, path.join(scratch, entry), { recursive: true });
  }
  symlinkSync(path.resolve('node_modules'), path.join(scratch, 'node_modules'));
  // Every other demo's browser build and the downloads, as they are: only the new demo compiles.
  cpSync('build/wasm/site', path.join(scratch, 'build/wasm/site'), { recursive: true });
  cpSync('build/downloads', path.join(scratch, 'build/downloads'), { recursive: true });
  // Pyodide's recompressed standard library, copied after themes/ (its tool), so newer than it.
  cpSync('build/pyodide', path.join(scratch, 'build/pyodide'), { recursive: true });

  messages += run('make', ['--no-print-directory', 'lesson', `NAME=${LESSON}`]);
  messages += run('make', ['--no-print-directory', 'demo', `NAME=${DEMO}`]);
  appendFileSync(path.join(scratch, 'content/lessons', LESSON, 'index.md'), `\n{{< demo "${DEMO}" >}}\n`);

  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
  run(
    'emcmake',
    [
      'cmake',
      '-S',
      'wasm',
      '-B',
      'build/wasm-new',
      '-DCMAKE_BUILD_TYPE=Release',
      `-DLAB_SITE_DIR=${path.join(scratch, 'build/wasm/site')}`,
    ],
    { env },
  );
  run('cmake', ['--build', 'build/wasm-new', '--parallel', '1', '--target', DEMO, `${DEMO}-single`], { env });
  run('hugo', ['--source', 'site', '--minify']);
  server = await startServer(PORT, { cwd: scratch });
});

test.afterAll(() => {
  server?.kill();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('make lesson and make demo say what to edit next', () => {
  for (const next of [
    'index.md',
    'slides.md',
    'transcript.md',
    'checks.md',
    `${DEMO}.cc`,
    `${DEMO}_test.cc`,
    'demo.json',
    'make serve',
  ]) {
    expect(messages).toContain(next);
  }
  const outline = readFileSync(path.join(scratch, 'site/data/outline.toml'), 'utf8');
  expect(outline.trimEnd().endsWith(`lesson = "${LESSON}"`), 'the new lesson comes last in the outline').toBe(true);
});

test("a name that is not a lesson's address, or a lesson that exists, is refused", () => {
  for (const args of [
    ['lesson', 'NAME=Thread Pools'],
    ['lesson', `NAME=${LESSON}`],
    ['demo', 'NAME=9lives'],
    ['demo', `NAME=${DEMO}`],
  ]) {
    expect(() => run('make', ['--no-print-directory', ...args]), args.join(' ')).toThrow();
  }
});

test('the new lesson and its demo work in the browser', async ({ page }) => {
  await page.goto(`${origin}/`);
  await page.getByRole('link', { name: 'Zz First Lesson' }).first().click();
  await expect(page).toHaveURL(`${origin}/lessons/${LESSON}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zz First Lesson');
  await expect(page.locator('.player[data-ready]')).toBeVisible();
  await expect(page.locator('.transcript li')).toHaveCount(2);

  // The transcript's second paragraph turns to the second slide.
  await page.locator('.transcript li').nth(1).click();
  await expect(page.locator('.deck-slide:not([hidden])')).toContainText('The second slide');

  // The knowledge check answers.
  const check = page.locator('form[data-check]');
  await expect(check).toHaveCount(1);
  await check.getByRole('radio', { name: /The right answer/ }).check();
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(check.getByRole('status')).toHaveText(/^Right\./);
  await expect(check.getByRole('status')).toContainText('Why it is right');

  // The new demo runs every model it offers.
  const declared = JSON.parse(readFileSync(path.join(scratch, 'wasm/demos', DEMO, 'demo.json'), 'utf8'));
  const figure = page.locator(`#demo-${DEMO}`);
  await figure.scrollIntoViewIfNeeded();
  await runDemo(figure, declared, { tasks: 4, wait_ms: 50, millions: 1 }, declared.models);
  for (const model of declared.models) {
    const result = await readRun(figure, model);
    expect(result.results, `${MODELS[model].label}: every task finished`).toBe(4);
    expect(result.wallMs).toBeGreaterThan(0);
  }
});

test("a mistake in the demo's C++ is reported under the demo's name", () => {
  const source = path.join(scratch, 'wasm/demos', DEMO, `${DEMO}.cc`);
  const good = readFileSync(source, 'utf8');
  appendFileSync(source, '\nint broken = ;\n');
  let output = '';
  try {
    // What `make wasm` runs, for this demo only: the others compile as before.
    run('cmake', ['--build', 'build/wasm-new', '--target', `${DEMO}-single`], {
      env: { ...process.env, NODE_PATH: '/usr/share/nodejs' },
    });
  } catch (error) {
    output = `${error.stdout}${error.stderr}`;
  } finally {
    writeFileSync(source, good);
  }
  expect(output, 'the build failed').toMatch(/error/);
  expect(output).toContain(`demos/${DEMO}/${DEMO}.cc`);
});

test('a mistake in the lesson stops the make targets an author runs with its file and line', () => {
  // `make serve` and `make build` build the search index first, with a Hugo build of its own.
  const transcript = path.join(scratch, 'content/lessons', LESSON, 'transcript.md');
  const good = readFileSync(transcript, 'utf8');
  appendFileSync(transcript, '\n00:10 Back in time: this paragraph starts before the one above it.\n');
  let output = '';
  try {
    // -o: node_modules is the checkout's own (a link), never reinstalled from here, and the
    // demos' browser builds were copied (beforeAll), not compiled here.
    run('make', [
      '--no-print-directory',
      '-o',
      'node_modules/.package-lock.json',
      '-o',
      'wasm',
      'search-index',
      'SKIP_SYSTEM_PACKAGES=1',
    ]);
  } catch (error) {
    output = `${error.stdout}${error.stderr}`;
  } finally {
    writeFileSync(transcript, good);
  }
  expect(output, 'the build failed').toContain('Error');
  expect(output).toMatch(new RegExp(`content/lessons/${LESSON}/transcript\\.md:\\d+: 00:10 does not come after`));
});
