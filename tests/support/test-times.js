// A Playwright reporter beside the usual one: at the end of a run it writes build/test-times.md,
// the 20 slowest tests and every file's total, and build/test-times.json, every test's time, so
// that what makes the suite slow is on record after each `make test` (retries counted: a test
// that needed one shows both runs' time).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const OUT = 'build/test-times.md';
const SLOWEST = 20;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

export default class TestTimes {
  constructor() {
    this.tests = new Map();
    this.started = Date.now();
  }

  onTestEnd(test, result) {
    const file = path.relative(process.cwd(), test.location.file);
    const entry = this.tests.get(test.id) ?? {
      title: test.titlePath().slice(3).join(' › '),
      file,
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
    const tests = [...this.tests.values()];
    if (!tests.length) return;
    const files = new Map();
    for (const { file, ms } of tests) files.set(file, (files.get(file) ?? 0) + ms);
    const total = tests.reduce((sum, { ms }) => sum + ms, 0);
    const lines = [
      '# Test times',
      '',
      `${tests.length} tests, ${result.status}, in ${seconds(Date.now() - this.started)} of wall time ` +
        `(${seconds(total)} in tests, summed over workers).`,
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
    writeFileSync(OUT.replace(/\.md$/, '.json'), JSON.stringify(tests, null, 1));
  }

  printsToStdio() {
    return false;
  }
}
