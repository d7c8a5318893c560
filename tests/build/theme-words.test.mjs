// The theme holds no word of the Python course: such words come from a site or from the lab, so
// that another course (tests/example-course/) shows its learners none.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { PYTHON_WORDS } from '../support/course.js';

// The theme's runner of a course's programs in the page is Python by nature: Pyodide, the
// stand-ins of requests and aiohttp, the tracer of asyncio, CodeMirror's Python language. It
// lives in its own folders, and loads only on a page of a site that declares programs to run in
// the page. Every other file of the theme names those folders by their paths at most.
const RUNNER_FOLDERS = /^themes\/course\/(assets\/python|assets\/js\/python|layouts\/partials\/python)\//;
const RUNNER_PATHS = /\b(js\/)?python\/[\w./*-]*/g;

test('the theme itself holds no word of the Python course', () => {
  // Every file of the theme, read as text: it vendors nothing.
  const files = readdirSync('themes/course', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath ?? entry.path}/${entry.name}`)
    .filter((file) => !RUNNER_FOLDERS.test(file));
  assert.ok(files.length > 50, `the theme has its layouts, scripts and styles (${files.length} files)`);
  const found = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => [`${file}:${i + 1}`, line.replace(RUNNER_PATHS, '')])
      .filter(([, line]) => PYTHON_WORDS.test(line) || /\bpython\b/.test(line))
      .map(([where, line]) => `${where}: ${line.trim()}`),
  );
  assert.deepEqual(found, []);
});
