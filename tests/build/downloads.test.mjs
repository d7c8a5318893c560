// The course's downloads as the build publishes them (public/downloads/): the slides PDF has a
// page for every slide, and the sample code unpacks, builds natively, passes its tests and runs
// a demo. (Their links and sizes on the pages: tests/e2e/downloads-files.spec.js.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { lessons } from '../support/lessons.js';

const DOWNLOADS = path.resolve('public/downloads');

test('the slides PDF opens and has a page for every slide', () => {
  const pdf = readFileSync(path.join(DOWNLOADS, 'course-slides.pdf'));
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.match(pdf.subarray(-1024).toString(), /%%EOF/);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g).length;
  const slides = lessons().reduce((sum, lesson) => sum + lesson.slides, 0);
  assert.ok(slides > 0, 'the lessons have slides');
  assert.ok(pages >= slides, `${pages} pages for ${slides} slides`);
});

test('the sample code unpacks, builds natively, passes its tests and runs a demo', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sample-code-'));
  try {
    // A failure shows what the command printed (ctest: which test failed, and its output).
    const run = (command, args, cwd) => {
      try {
        return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        throw new Error(`${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      }
    };
    run('cmake', ['-E', 'tar', 'xf', path.join(DOWNLOADS, 'sample-code.zip')], dir);
    const root = path.join(dir, 'sample-code');
    for (const entry of ['README.md', 'CMakeLists.txt', 'demos', 'python'])
      assert.ok(readdirSync(root).includes(entry), entry);
    // The page server the download programs fetch from, beside their folders, and how to start it.
    assert.ok(readdirSync(path.join(root, 'python')).includes('page_server.py'));
    assert.match(readFileSync(path.join(root, 'README.md'), 'utf8'), /python3 python\/page_server\.py/);
    run('cmake', ['-S', '.', '-B', 'build', '-DCMAKE_BUILD_TYPE=Release'], root);
    run('cmake', ['--build', 'build', '--parallel', '2'], root);
    assert.match(run('ctest', ['--test-dir', 'build', '--output-on-failure'], root), /100% tests passed/);
    const output = run(path.join(root, 'build', 'downloads'), ['tasks=3', 'latency_ms=10'], root);
    assert.match(output, /sequential .*ms/);
    assert.match(output, /threads .*ms/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
