// A scratch copy of the course for the build checks, which write mistakes into it: the folders
// an author edits (site/, content/, wasm/: it holds the demos' declarations) copied, the rest
// linked (the theme, the npm packages, the build's outputs), so that the real ones are never
// written to. build() runs Hugo on it as `make site` does.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function scratchCourse(name = 'course') {
  const root = mkdtempSync(path.join(tmpdir(), `${name}-`));
  for (const dir of ['site', 'content', 'wasm']) cpSync(dir, path.join(root, dir), { recursive: true });
  for (const dir of ['themes', 'node_modules']) symlinkSync(path.resolve(dir), path.join(root, dir));
  mkdirSync(path.join(root, 'build'));
  for (const dir of ['wasm', 'downloads', 'pyodide'])
    symlinkSync(path.resolve('build', dir), path.join(root, 'build', dir));
  return {
    root,
    file: (relative) => path.join(root, relative),
    // Hugo's build of the scratch course: { ok, output }, output being what Hugo printed on failure.
    // Rendered in memory (no public/ with the demos and the Python runtime copied in: 1.26 s a
    // build against 1.27-1.61 s, idle) unless `write`, for a check that reads a built page.
    async build({ write = false } = {}) {
      const args = ['--source', 'site', '--destination', path.join(root, 'public')];
      try {
        await run('hugo', write ? args : [...args, '--renderToMemory'], { cwd: root, encoding: 'utf8' });
        return { ok: true, output: '' };
      } catch (error) {
        return { ok: false, output: `${error.stdout}${error.stderr}` };
      }
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

// `count` scratch courses, each lent to one test at a time (use), so that the tests of a
// describe({ concurrency: count }) that each change a course build side by side.
export function scratchCourses(name, count, prepare = () => {}) {
  const all = Array.from({ length: count }, () => scratchCourse(name));
  all.forEach(prepare);
  const idle = [...all];
  const waiting = [];
  return {
    async use(work) {
      const course = idle.pop() ?? (await new Promise((resolve) => waiting.push(resolve)));
      try {
        return await work(course);
      } finally {
        const next = waiting.shift();
        if (next) next(course);
        else idle.push(course);
      }
    },
    remove: () => all.forEach((course) => course.remove()),
  };
}

// What a message for an author must not be: Hugo's own report of a template that failed.
export const TEMPLATE_ERROR = /error calling|unable to cast|execute of template/;
// A position in a file, file:line, as the build's messages name it.
export const at = (file, line) => new RegExp(`${file.replace(/[.]/g, '\\.')}:${line}\\b`);
