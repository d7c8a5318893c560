// An author's mistake stops the build and names the file and line; it never renders an empty box.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const LESSON = 'content/lessons/zz-authoring-check';
const VALID = {
  'index.md': '---\ntitle: "Check"\nweight: 9999\n---\n\nSome text.\n',
  'slides.md': '# One\n\n---\n\n# Two\n',
  'transcript.md': '00:00 {slide=1} First.\n\n00:10 {slide=2} Second.\n',
};

// Builds the site with one extra lesson made of VALID with `files` replaced (null removes one);
// returns whether Hugo succeeded and what it printed.
function buildWithLesson(files) {
  const out = mkdtempSync(path.join(tmpdir(), 'site-'));
  mkdirSync(LESSON, { recursive: true });
  for (const [name, text] of Object.entries({ ...VALID, ...files })) {
    if (text !== null) writeFileSync(path.join(LESSON, name), text);
  }
  try {
    execFileSync('hugo', ['--source', 'site', '--destination', out], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: `${error.stdout}${error.stderr}` };
  } finally {
    rmSync(LESSON, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

const where = (file, line) => new RegExp(`content/lessons/zz-authoring-check/${file.replace('.', '\\.')}:${line}\\b`);

test('a valid lesson builds', () => {
  expect(buildWithLesson({})).toEqual({ ok: true, output: '' });
});

const mistakes = [
  ['an unknown demo id', { 'index.md': `${VALID['index.md']}\n{{< demo "no-such-demo" >}}\n` }, 'index.md', 8, 'Unknown demo "no-such-demo"'],
  ['a demo shortcode without an id', { 'index.md': `${VALID['index.md']}\n{{< demo >}}\n` }, 'index.md', 8, 'needs a demo id'],
  ['a malformed timestamp', { 'transcript.md': '00:00 First.\n\n0:10 Second.\n' }, 'transcript.md', 3, 'starts with its time as mm:ss'],
  ['seconds past 59', { 'transcript.md': '00:00 First.\n\n00:75 Second.\n' }, 'transcript.md', 3, 'seconds go up to 59'],
  ['a timestamp that goes back', { 'transcript.md': '00:00 First.\n\n00:20 Second.\n\n00:20 Third.\n' }, 'transcript.md', 5, 'times must increase'],
  ['a slide cue out of range', { 'transcript.md': '00:00 {slide=1} First.\n\n00:10 {slide=3} Second.\n' }, 'transcript.md', 3, 'slide 3 is out of range: the lesson has 2 slides'],
  ['a cue for an unknown demo', { 'transcript.md': '00:00 {demo=nope tasks=3} First.\n' }, 'transcript.md', 1, 'unknown demo "nope"'],
  ['a cue for an undeclared parameter', { 'transcript.md': '00:00 {demo=downloads speed=3} First.\n' }, 'transcript.md', 1, 'has no parameter "speed"'],
  ['a cue outside the declared range', { 'transcript.md': '00:00 First.\n\n00:10 {demo=downloads workers=100000} Second.\n' }, 'transcript.md', 3, 'workers=100000 is outside the range of demo "downloads", 1 to 16'],
  ['a lesson without a transcript', { 'transcript.md': null }, 'index.md', 1, 'every lesson needs a transcript'],
  ['a lesson without slides', { 'slides.md': null }, 'index.md', 1, 'every lesson needs slides'],
];

for (const [mistake, files, file, line, message] of mistakes) {
  test(`${mistake} fails the build with the file and line`, () => {
    const { ok, output } = buildWithLesson(files);
    expect(ok).toBe(false);
    expect(output).toContain(message);
    expect(output).toMatch(where(file, line));
  });
}
