// The course's downloads on every lesson and the course page, with their sizes, and what the lessons
// say beside them. (The files themselves, unpacked and built: tests/build/downloads.test.mjs.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { lessons } from '../support/lessons.js';
import { expect, test } from '../support/fixtures.js';

const pages = ['/', ...lessons().map((lesson) => lesson.page)];

for (const url of pages) {
  test(`${url} offers the sample code and the slides, with their sizes`, async ({ tab: page, request }) => {
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

// A lesson whose programs fetch from the page server (they contain [params.programs.needs] `when`
// of site/hugo.toml) says, once, above them, how to start it; the other lessons say nothing of it.
test('the lessons whose programs use the page server say how to start it', async ({ reader: page }) => {
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
