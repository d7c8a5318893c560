// The course's downloads: on every lesson and the course page, with their sizes, and they work.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'smol-toml';
import { lessons } from '../support/lessons.js';
import { expect, test } from '../support/fixtures.js';

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
      expect(Math.abs((kb >= 1024 ? kb / 1024 : kb) - shown), "the size shown is the file's").toBeLessThan(0.1);
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
  // The page server the download programs fetch from, beside their folders, and how to start it.
  expect(readdirSync(path.join(root, 'python'))).toContain('page_server.py');
  expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('python3 python/page_server.py');
  run('cmake', ['-S', '.', '-B', 'build', '-DCMAKE_BUILD_TYPE=Release'], root);
  run('cmake', ['--build', 'build', '--parallel', '2'], root);
  expect(run('ctest', ['--test-dir', 'build'], root)).toMatch(/100% tests passed/);
  const output = run(path.join(root, 'build', 'downloads'), ['tasks=3', 'latency_ms=10'], root);
  expect(output).toMatch(/sequential .*ms/);
  expect(output).toMatch(/threads .*ms/);
});

// A lesson whose programs fetch from the page server (they contain [params.programs.needs] `when`
// of site/hugo.toml) says, once, above them, how to start it; the other lessons say nothing of it.
test('the lessons whose programs use the page server say how to start it', async ({ page }) => {
  const { when, say } = parse(readFileSync('site/hugo.toml', 'utf8')).params.programs.needs;
  const start = say.match(/`([^`]+)`/)[1];
  let saying = 0;
  for (const lesson of lessons()) {
    const folder = path.join('content/lessons', lesson.slug);
    const uses = readdirSync(folder)
      .filter((file) => file.endsWith('.py'))
      .some((file) => readFileSync(path.join(folder, file), 'utf8').includes(when));
    await page.goto(lesson.page);
    const note = page.locator('.lesson-programs .programs-needs');
    await expect(note, lesson.slug).toHaveCount(uses ? 1 : 0);
    if (uses) {
      await expect(note.locator('code').first(), lesson.slug).toHaveText(start);
      saying += 1;
    }
  }
  expect(saying, 'the download lessons').toBeGreaterThanOrEqual(5);
});
