// A Playwright reporter beside the usual one: at the end of a run it writes build/test-times.md,
// the 20 slowest tests and every file's total, and build/test-times.json, every test's time, so
// that what makes the suite slow is on record after each `make test` (retries counted: a test
// that needed one shows both runs' time). With TEST_TIMES_APPEND=1 (make browser-test's second
// run, the timed specs) the run's tests join those already on record, and so does its time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const OUT = 'build/test-times.md';
const DATA = 'build/test-times.json';
const SLOWEST = 20;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export default class TestTimes {
  constructor() {
    this.tests = new Map();
    this.started = Date.now();
  }

  onTestEnd(test, result) {
    const [, project] = test.titlePath();
    const entry = this.tests.get(test.id) ?? {
      title: test.titlePath().slice(3).join(' › '),
      file: path.relative(process.cwd(), test.location.file),
      project,
      ms: 0,
      runs: 0,
      status: '',
    };
    entry.ms += result.duration;
    entry.runs += 1;
    entry.status = result.status;
    this.tests.set(test.id, entry);
  }

  onEnd(result) {
    let tests = [...this.tests.values()];
    if (!tests.length) return;
    let wallMs = Date.now() - this.started;
    let status = result.status;
    if (process.env.TEST_TIMES_APPEND && existsSync(DATA)) {
      const before = JSON.parse(readFileSync(DATA, 'utf8'));
      tests = [...before.tests, ...tests];
      wallMs += before.wallMs;
      if (before.status !== 'passed') status = before.status;
    }
    const files = new Map();
    for (const { file, ms } of tests) files.set(file, (files.get(file) ?? 0) + ms);
    const total = tests.reduce((sum, { ms }) => sum + ms, 0);
    const projects = [...new Set(tests.map(({ project }) => project))].map((project) => {
      const mine = tests.filter((test) => test.project === project);
      return `${project || 'no project'}: ${mine.length} tests, ${seconds(mine.reduce((sum, { ms }) => sum + ms, 0))}`;
    });
    const lines = [
      '# Test times',
      '',
      `${tests.length} tests, ${status}, in ${seconds(wallMs)} of wall time ` +
        `(${seconds(total)} in tests, summed over workers; ${projects.join('; ')}).`,
      '',
      `## The ${Math.min(SLOWEST, tests.length)} slowest tests`,
      '',
      '| time | test | file |',
      '|---:|---|---|',
      ...tests
        .sort((a, b) => b.ms - a.ms)
        .slice(0, SLOWEST)
        .map(
          ({ ms, title, file, runs }) =>
            `| ${seconds(ms)} | ${title.replaceAll('|', '\\|')}${runs > 1 ? ` (${runs} runs)` : ''} | ${file} |`,
        ),
      '',
      '## Each file',
      '',
      '| time | file |',
      '|---:|---|',
      ...[...files].sort((a, b) => b[1] - a[1]).map(([file, ms]) => `| ${seconds(ms)} | ${file} |`),
      '',
    ];
    mkdirSync(path.dirname(OUT), { recursive: true });
    writeFileSync(OUT, lines.join('\n'));
    writeFileSync(DATA, JSON.stringify({ wallMs, status, tests }, null, 1));
  }

  printsToStdio() {
    return false;
  }
}
