// A scratch copy of the course for the build checks, which write mistakes into it: the folders
// an author edits (site/, content/, wasm/: it holds the demos' declarations) copied, the rest
// linked (the theme, the npm packages, the build's outputs), so that the real ones are never
// written to. buildSite() runs Hugo on it as `make site` does.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
    build() {
      try {
        execFileSync('hugo', ['--source', 'site', '--destination', path.join(root, 'public')], {
          cwd: root,
          encoding: 'utf8',
          stdio: 'pipe',
        });
        return { ok: true, output: '' };
      } catch (error) {
        return { ok: false, output: `${error.stdout}${error.stderr}` };
      }
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

// What a message for an author must not be: Hugo's own report of a template that failed.
export const TEMPLATE_ERROR = /error calling|unable to cast|execute of template/;
// A position in a file, file:line, as the build's messages name it.
export const at = (file, line) => new RegExp(`${file.replace(/[.]/g, '\\.')}:${line}\\b`);
