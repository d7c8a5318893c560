// A mistake in the matrix shortcode or in a demo's workloads stops the build, naming where it is.
// Each case builds a scratch copy of the course (tests/support/scratch-course.js).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { scratchCourse } from '../support/scratch-course.js';

const lesson = 'content/lessons/io-threading/index.md';
const declaration = 'wasm/demos/fetch_parse/demo.json';
let course;
before(() => {
  course = scratchCourse('matrix');
});
after(() => course.remove());

// Builds with `shortcode` at the end of a lesson and the workloads of fetch_parse changed by
// `edit`; returns what Hugo printed, or null if it built.
const build = async (shortcode, edit = (workloads) => workloads) => {
  writeFileSync(course.file(lesson), `${base}\n${shortcode}\n`);
  const demo = JSON.parse(readFileSync(declaration, 'utf8'));
  writeFileSync(course.file(declaration), JSON.stringify({ ...demo, workloads: edit(demo.workloads) }, null, 2));
  const { ok, output } = await course.build();
  return ok ? null : output;
};
const setting = (name, value) => (workloads) =>
  workloads.map((w) => (w.name === 'cpu' ? { ...w, values: { ...w.values, [name]: value } } : w));
// The lesson as it is, without any matrix of its own; the case's shortcode goes on a line after it.
const base = readFileSync(lesson, 'utf8').replace(/\{\{<\s*matrix\b[^>]*>\}\}/g, '');
const at = new RegExp(`${lesson.replace(/[./]/g, '\\$&')}:${base.split('\n').length + 1}:1`);

test('a correct matrix builds', async () => {
  assert.equal(await build('{{< matrix id="fetch_parse" models="sequential,threads" >}}'), null);
});

describe('the build stops on a mistaken matrix', () => {
  for (const [what, shortcode, edit, said] of [
    ['an unknown demo', '{{< matrix id="nope" >}}', undefined, 'Unknown demo "nope"'],
    ['no demo id', '{{< matrix >}}', undefined, 'needs a demo id'],
    [
      'a model the demo lacks',
      '{{< matrix id="fetch_parse" models="sequential,one_core" >}}',
      undefined,
      'has no model "one_core"',
    ],
    [
      'a demo without workloads',
      '{{< matrix id="downloads" >}}',
      undefined,
      'declares no workloads in wasm/demos/downloads/demo.json',
    ],
    [
      'a workload setting an undeclared parameter',
      '{{< matrix id="fetch_parse" >}}',
      setting('speed', 3),
      `${declaration}: workload "cpu" sets "speed", which the demo does not declare`,
    ],
    [
      'a workload value out of range',
      '{{< matrix id="fetch_parse" >}}',
      setting('millions', 501),
      `${declaration}: workload "cpu" sets millions=501, outside its range 0 to 500`,
    ],
    [
      'a workload value off its step',
      '{{< matrix id="fetch_parse" >}}',
      setting('latency_ms', 15),
      `${declaration}: workload "cpu" sets latency_ms=15, which is not on its steps of 10`,
    ],
  ]) {
    test(what, async () => {
      const output = await build(shortcode, edit);
      assert.ok(output?.includes(said), `"${said}" not in:\n${output}`);
      assert.match(output, at);
    });
  }
});
