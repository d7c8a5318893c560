// '@params' is made in two places: by Hugo for the pages' bundles (lab/params.html) and by
// tests/unit/params-hook.mjs for the unit tests in node. Both must hand the scripts the same
// declarations: a change to one that the other lacks fails here.
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { scratchCourse } from '../support/scratch-course.js';

register('../unit/params-hook.mjs', import.meta.url);

test("node's '@params' is what Hugo gives the pages' bundles", async () => {
  const course = scratchCourse('params');
  try {
    // The scratch course's home page: Hugo's @params and nothing else.
    writeFileSync(
      course.file('site/layouts/index.html'),
      '{{ partialCached "lab/params.html" "params" | jsonify | base64Encode }}\n',
    );
    const { ok, output } = await course.build({ write: true });
    assert.ok(ok, output);
    const fromHugo = JSON.parse(Buffer.from(readFileSync(course.file('public/index.html'), 'utf8').trim(), 'base64'));
    const { default: fromNode } = await import('@params');
    assert.ok(Object.keys(fromHugo.events).length > 5, 'Hugo gave the event codes');
    assert.deepEqual(fromNode, fromHugo);
  } finally {
    course.remove();
  }
});
