// An author's mistake stops the build and names the file and line; it never renders an empty box.
// Each case builds a scratch copy of the course (tests/support/scratch-course.js) with one extra
// lesson; the real content/ is never written to. Two copies, so that two cases build at once.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TEMPLATE_ERROR, at as where, scratchCourses } from '../support/scratch-course.js';

const LESSON = 'zz-authoring-check';
const VALID = {
  'index.md': '---\ntitle: "Check"\n---\n\nSome text.\n',
  'slides.md': '# One\n\n---\n\n# Two\n',
  'transcript.md': '00:00 {slide=1} First.\n\n00:10 {slide=2} Second.\n',
};
const OUTLINE = 'site/data/outline.toml';
const OUTLINE_LINE = readFileSync(OUTLINE, 'utf8').split('\n').length + 1;

const AT_ONCE = 2;
let courses;
before(() => {
  // The outline names the lesson each case writes, at line OUTLINE_LINE.
  courses = scratchCourses('authoring', AT_ONCE, (course) =>
    appendFileSync(course.file(OUTLINE), `\n[[lessons]]\nlesson = "${LESSON}"\n`),
  );
});
after(() => courses.remove());

// Builds a scratch course with one extra lesson made of VALID with `files` replaced (null
// removes one), in content/lessons/<folder>; returns whether Hugo succeeded and what it printed.
async function buildWithLesson(course, files, folder = LESSON) {
  const lesson = course.file(path.join('content/lessons', folder));
  mkdirSync(lesson, { recursive: true });
  for (const [name, text] of Object.entries({ ...VALID, ...files })) {
    if (text !== null) writeFileSync(path.join(lesson, name), text);
  }
  try {
    return await course.build();
  } finally {
    rmSync(lesson, { recursive: true, force: true });
  }
}

const inLesson = (file) => `content/lessons/${LESSON}/${file}`;

function assertStops({ ok, output }, message, position) {
  assert.equal(ok, false, 'the build went through');
  assert.ok(output.includes(message), `"${message}" not in:\n${output}`);
  assert.match(output, position);
  assert.doesNotMatch(output, TEMPLATE_ERROR, 'a message for the author, not a template error');
}

test('a valid lesson builds', () =>
  courses.use(async (course) => assert.deepEqual(await buildWithLesson(course, {}), { ok: true, output: '' })));

const mistakes = [
  [
    'an unknown demo id',
    { 'index.md': `${VALID['index.md']}\n{{< demo "no-such-demo" >}}\n` },
    inLesson('index.md'),
    7,
    'Unknown demo "no-such-demo"',
  ],
  [
    'a demo shortcode without an id',
    { 'index.md': `${VALID['index.md']}\n{{< demo >}}\n` },
    inLesson('index.md'),
    7,
    'needs a demo id',
  ],
  [
    'a scheduler puzzle with an unknown parameter',
    { 'index.md': `${VALID['index.md']}\n{{< scheduler-puzzle locked="true" >}}\n` },
    inLesson('index.md'),
    7,
    'has no parameter "locked"',
  ],
  [
    'a scheduler puzzle with a lock that is not true or false',
    { 'index.md': `${VALID['index.md']}\n{{< scheduler-puzzle lock="yes" >}}\n` },
    inLesson('index.md'),
    7,
    'lock must be "true" or "false", not "yes"',
  ],
  [
    'a scheduler puzzle with a positional parameter',
    { 'index.md': `${VALID['index.md']}\n{{< scheduler-puzzle "true" >}}\n` },
    inLesson('index.md'),
    7,
    'takes only a named parameter',
  ],
  [
    'a malformed timestamp',
    { 'transcript.md': '00:00 First.\n\n0:10 Second.\n' },
    inLesson('transcript.md'),
    3,
    'starts with its time as mm:ss',
  ],
  [
    'seconds past 59',
    { 'transcript.md': '00:00 First.\n\n00:75 Second.\n' },
    inLesson('transcript.md'),
    3,
    'seconds go up to 59',
  ],
  [
    'a timestamp that goes back',
    { 'transcript.md': '00:00 First.\n\n00:20 Second.\n\n00:20 Third.\n' },
    inLesson('transcript.md'),
    5,
    'times must increase',
  ],
  [
    'a slide cue out of range',
    { 'transcript.md': '00:00 {slide=1} First.\n\n00:10 {slide=3} Second.\n' },
    inLesson('transcript.md'),
    3,
    'slide 3 is out of range: the lesson has 2 slides',
  ],
  [
    'a cue for an unknown demo',
    { 'transcript.md': '00:00 {demo=nope tasks=3} First.\n' },
    inLesson('transcript.md'),
    1,
    'unknown demo "nope"',
  ],
  [
    'a cue for an undeclared parameter',
    { 'transcript.md': '00:00 {demo=downloads speed=3} First.\n' },
    inLesson('transcript.md'),
    1,
    'has no parameter "speed"',
  ],
  [
    'a slide cue that is not a number',
    { 'transcript.md': '00:00 {slide=x} First.\n' },
    inLesson('transcript.md'),
    1,
    'slide=x is not a slide number',
  ],
  [
    'a cue value that is not a number',
    { 'transcript.md': '00:00 First.\n\n00:10 {demo=downloads workers=abc} Second.\n' },
    inLesson('transcript.md'),
    3,
    'workers=abc is not a number',
  ],
  [
    'a cue value off its step',
    { 'transcript.md': '00:00 {demo=downloads workers=3.5} First.\n' },
    inLesson('transcript.md'),
    1,
    'workers=3.5 is not on the steps of demo "downloads"',
  ],
  [
    'a cue outside the declared range',
    { 'transcript.md': '00:00 First.\n\n00:10 {demo=downloads workers=100000} Second.\n' },
    inLesson('transcript.md'),
    3,
    'workers=100000 is outside the range of demo "downloads", 1 to 16',
  ],
  [
    'a folded note without a summary',
    { 'index.md': `${VALID['index.md']}\n{{< folded >}}\nMore.\n{{< /folded >}}\n` },
    inLesson('index.md'),
    7,
    'needs a summary line',
  ],
  [
    'a folded note without a body',
    { 'index.md': `${VALID['index.md']}\n{{< folded "For the curious" >}}{{< /folded >}}\n` },
    inLesson('index.md'),
    7,
    'needs a body and its closing',
  ],
  [
    'a folded note with an unknown parameter',
    { 'index.md': `${VALID['index.md']}\n{{< folded title="For the curious" >}}\nMore.\n{{< /folded >}}\n` },
    inLesson('index.md'),
    7,
    'has no parameter "title"',
  ],
  [
    'a lesson without a transcript',
    { 'transcript.md': null },
    inLesson('index.md'),
    1,
    'every lesson needs a transcript',
  ],
  ['a lesson without slides', { 'slides.md': null }, inLesson('index.md'), 1, 'every lesson needs slides'],
  [
    'an outline entry whose lesson is missing',
    { 'index.md': null, 'slides.md': null, 'transcript.md': null },
    OUTLINE,
    OUTLINE_LINE,
    `names "${LESSON}", but there is no content/lessons/${LESSON}/index.md`,
  ],
  [
    'a knowledge check with no right answer',
    { 'checks.md': '## Why?\n\n- [ ] This\n  No.\n- [ ] That\n  No.\n' },
    inLesson('checks.md'),
    1,
    'the question "Why?" has 0 right answers: mark exactly one with "- [x]"',
  ],
  [
    'a knowledge check with two right answers',
    { 'checks.md': '## First?\n- [x] A\n  Yes.\n- [ ] B\n  No.\n\n## Why?\n- [x] This\n  Yes.\n- [x] That\n  Yes.\n' },
    inLesson('checks.md'),
    7,
    'the question "Why?" has 2 right answers',
  ],
  [
    'a knowledge check with one answer',
    { 'checks.md': '## Why?\n- [x] This\n  Yes.\n' },
    inLesson('checks.md'),
    1,
    'needs at least two answers',
  ],
  [
    'an answer without feedback',
    { 'checks.md': '## Why?\n- [x] This\n  Yes.\n- [ ] That\n' },
    inLesson('checks.md'),
    4,
    'explain this answer',
  ],
  [
    'text outside a knowledge check',
    { 'checks.md': 'Answer these.\n\n## Why?\n- [x] This\n  Yes.\n- [ ] That\n  No.\n' },
    inLesson('checks.md'),
    1,
    'expected a question',
  ],
  [
    'a lesson that the outline does not name',
    {},
    'content/lessons/zz-not-in-outline/index.md',
    1,
    'this lesson is not in the outline',
    'zz-not-in-outline',
  ],
  [
    'a program without an entry in site/data/programs.toml',
    { 'extra.py': 'print("hello")\n' },
    inLesson('extra.py'),
    1,
    `this program has no entry in site/data/programs.toml: add [lessons.${LESSON}."extra.py"]`,
  ],
];

describe('a mistake fails the build with the file and line', { concurrency: AT_ONCE }, () => {
  assert.ok(mistakes.length > 20, 'the cases are listed');
  for (const [mistake, files, file, line, message, folder] of mistakes) {
    test(mistake, () =>
      courses.use(async (course) =>
        assertStops(await buildWithLesson(course, files, folder), message, where(file, line)),
      ),
    );
  }
});

// A demo's declaration without a field the page needs: the build names the file and the field.
// (JSON has no line for a field that is not there.)
test('a demo.json without a field fails the build with the file and the field', () =>
  courses.use(async (course) => {
    const demo = 'zz_broken';
    const declaration = JSON.parse(readFileSync('wasm/demos/downloads/demo.json', 'utf8'));
    const folder = course.file(path.join('wasm/demos', demo));
    mkdirSync(folder, { recursive: true });
    try {
      for (const [field, message] of [
        ['title', 'no "title"'],
        ['params.0.max', 'parameter 1 (tasks) has no "max"'],
      ]) {
        const broken = structuredClone({ ...declaration, id: demo });
        if (field === 'title') delete broken.title;
        else delete broken.params[0].max;
        writeFileSync(path.join(folder, 'demo.json'), JSON.stringify(broken, null, 2));
        const built = await buildWithLesson(course, {
          'index.md': `${VALID['index.md']}\n{{< demo "${demo}" >}}\n`,
        });
        assertStops(built, `wasm/demos/${demo}/demo.json: ${message}`, where(inLesson('index.md'), 7));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }));

// site/data/programs.toml (which programs run in the page) against the lessons: an entry names a
// file of its lesson, and a program that cannot run in the page names its live model there.
describe('site/data/programs.toml', { concurrency: AT_ONCE }, () => {
  const PROGRAMS = 'site/data/programs.toml';
  const original = readFileSync(PROGRAMS, 'utf8');
  const line = original.split('\n').length + 1;
  const cases = [
    [
      'an entry whose file is missing',
      `[lessons.${LESSON}."missing.py"]\nin_page = true\n`,
      {},
      `[lessons.${LESSON}."missing.py"] names content/lessons/${LESSON}/missing.py, which does not exist`,
    ],
    [
      'a model that is not on the page',
      `[lessons.${LESSON}."threads.py"]\nneeds = ["threads"]\nmodel = "demo-nope"\ncommand = "python3 threads.py"\n`,
      { 'threads.py': 'import threading\n' },
      'names model "demo-nope", but the lesson\'s page has no element with that id',
    ],
    [
      'a need the file does not explain',
      `[lessons.${LESSON}."gpu.py"]\nneeds = ["gpu"]\nmodel = "main"\ncommand = "python3 gpu.py"\n`,
      { 'gpu.py': 'pass\n', 'index.md': `${VALID['index.md']}\n## Main\n` },
      'needs "gpu", which [needs] at the top of the file does not explain',
    ],
  ];
  for (const [mistake, entry, files, message] of cases) {
    test(`${mistake} fails the build with its line`, () =>
      courses.use(async (course) => {
        writeFileSync(course.file(PROGRAMS), `${original}\n${entry}`);
        try {
          assertStops(await buildWithLesson(course, files), message, where(PROGRAMS, line));
        } finally {
          writeFileSync(course.file(PROGRAMS), original);
        }
      }));
  }
});
