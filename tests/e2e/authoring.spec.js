// An author's mistake stops the build and names the file and line; it never renders an empty box.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// Builds the site with one extra lesson whose Markdown is `body`; returns Hugo's output.
function buildWithLesson(body) {
  const lesson = path.join('content/lessons/zz-authoring-check');
  const out = mkdtempSync(path.join(tmpdir(), 'site-'));
  mkdirSync(lesson, { recursive: true });
  writeFileSync(path.join(lesson, 'index.md'), `---\ntitle: "Check"\nweight: 9999\n---\n\n${body}\n`);
  try {
    execFileSync('hugo', ['--source', 'site', '--destination', out], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: `${error.stdout}${error.stderr}` };
  } finally {
    rmSync(lesson, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

test('an unknown demo id fails the build with the file and line', () => {
  const { ok, output } = buildWithLesson('Some text.\n\n{{< demo "no-such-demo" >}}');
  expect(ok).toBe(false);
  expect(output).toContain('Unknown demo "no-such-demo"');
  expect(output).toMatch(/zz-authoring-check\/index\.md:8:1/);
});

test('a demo shortcode without an id fails the build with the file and line', () => {
  const { ok, output } = buildWithLesson('{{< demo >}}');
  expect(ok).toBe(false);
  expect(output).toMatch(/needs a demo id.*zz-authoring-check\/index\.md:6:1/s);
});
