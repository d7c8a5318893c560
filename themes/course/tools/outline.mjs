// Reads the course's outline (site/data/outline.toml, see layouts/partials/course/outline.html)
// for the build's scripts and the tests.
//   node themes/course/tools/outline.mjs site/data/outline.toml   prints the lessons' folders, in order
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';

// Every entry in order: { number, lesson } for a lesson that exists, { number, soon } for one to come.
export function readOutline(file = 'site/data/outline.toml') {
  return parse(readFileSync(file, 'utf8')).lessons.map((entry, i) => ({ number: i + 1, ...entry }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { lesson } of readOutline(process.argv[2])) if (lesson) console.log(lesson);
}
