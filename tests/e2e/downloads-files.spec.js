// The course's downloads: on every lesson and the course page, with their sizes, and they work.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lessons } from '../support/lessons.js';
import { expect, test } from './fixtures.js';

const pages = ['/', ...lessons().map((lesson) => lesson.page)];

for (const url of pages) {
  test(`${url} offers the sample code and the slides, with their sizes`, async ({ page, request }) => {
    await page.goto(url);
    const downloads = page.getByRole('list', { name: 'Downloads' });
    for (const label of ['Sample Code (.zip)', 'Course Slides (.pdf)']) {
      const item = downloads.getByRole('listitem').filter({ hasText: label });
      await expect(item).toContainText(/\d+(\.\d)? (KB|MB)/);
      const href = await item.getByRole('link').getAttribute('href');
      const response = await request.get(href);
      expect(response.ok(), href).toBe(true);
      const shown = Number((await item.locator('.download-size').textContent()).split(' ')[0]);
      const kb = (await response.body()).length / 1024;
      expect(Math.abs((kb >= 1024 ? kb / 1024 : kb) - shown), 'the size shown is the file\'s').toBeLessThan(0.1);
    }
  });
}

test('the slides PDF opens and has a page for every slide', async ({ request }) => {
  const pdf = await (await request.get('/downloads/course-slides.pdf')).body();
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.subarray(-1024).toString()).toContain('%%EOF');
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g).length;
  const slides = lessons().reduce((sum, lesson) => sum + lesson.slides, 0);
  expect(pages).toBeGreaterThanOrEqual(slides);
});

test('the sample code unpacks, builds natively, passes its tests and runs a demo', async ({ request }) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'sample-code-'));
  writeFileSync(path.join(dir, 'sample-code.zip'), await (await request.get('/downloads/sample-code.zip')).body());
  const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  run('cmake', ['-E', 'tar', 'xf', 'sample-code.zip'], dir);
  const root = path.join(dir, 'sample-code');
  expect(readdirSync(root)).toEqual(expect.arrayContaining(['README.md', 'CMakeLists.txt', 'demos', 'python']));
  run('cmake', ['-S', '.', '-B', 'build', '-DCMAKE_BUILD_TYPE=Release'], root);
  run('cmake', ['--build', 'build', '--parallel', '2'], root);
  expect(run('ctest', ['--test-dir', 'build'], root)).toMatch(/100% tests passed/);
  const output = run(path.join(root, 'build', 'downloads'), ['tasks=3', 'latency_ms=10'], root);
  expect(output).toMatch(/sequential .*ms/);
  expect(output).toMatch(/threads .*ms/);
});
