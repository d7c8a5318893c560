// The benchmark: sizes of every demo, and ratios measured side by side in headless Chromium.
// Writes build/bench/report.md and prints the same table. Run it with `make bench`.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { declaredDemos } from '../support/course.js';

const PORT = 8941;
const rows = [];
const report = (measure, value, target, met) => rows.push({ measure, value, target, met });

// Sizes, uncompressed, of what a page downloads to run each demo.
for (const demo of declaredDemos()) {
  const dir = path.join('build/wasm/site', demo.id);
  const bytes = (pattern) => readdirSync(dir).filter((f) => pattern.test(f))
    .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  const wasm = bytes(/\.wasm$/);
  const js = bytes(/\.js$/);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  report(`${demo.id}: wasm + JS`, `${kb(wasm)} + ${kb(js)} = ${kb(wasm + js)}`, '≤ 150 KB', wasm + js <= 150 * 1024);
}

const server = spawn('node', ['tests/support/serve.mjs', String(PORT)], { stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 500));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  const downloads = declaredDemos().find((demo) => demo.id === 'downloads');
  await page.goto(`http://127.0.0.1:${PORT}${downloads.page}`);
  const figure = page.locator('#demo-downloads');
  await page.waitForSelector('#demo-downloads[data-state="ready"]');
  const readyMs = await page.evaluate(() => performance.getEntriesByName('lab-ready:downloads')[0].startTime);
  report('downloads: ready after page load', `${Math.round(readyMs)} ms`, '≤ 300 ms', readyMs <= 300);

  const run = async (values) => {
    for (const [name, value] of Object.entries(values)) await figure.locator(`input[name=${name}]`).fill(String(value));
    await figure.getByRole('button', { name: 'Run' }).click();
    await page.waitForSelector('#demo-downloads[data-state="ready"]');
    const wall = (label) => figure.getByRole('region', { name: label }).locator('output').getAttribute('data-ms').then(Number);
    return { sequential: await wall('One after another'), threads: await wall('Thread pool') };
  };

  const eight = await run({ tasks: 8, workers: 8, latency_ms: 200 });
  const ratio = eight.sequential / eight.threads;
  report('I/O: 8 × 200 ms, sequential / 8 threads', `${ratio.toFixed(2)} (${eight.sequential.toFixed(0)} / ${eight.threads.toFixed(0)} ms)`, '≥ 3', ratio >= 3);

  const twenty = await run({ tasks: 20, workers: 5, latency_ms: 100 });
  const overIdeal = twenty.threads / 400;
  report('I/O: 20 × 100 ms on 5 threads / ideal 400 ms', overIdeal.toFixed(3), '≤ 1.10', overIdeal <= 1.1);
} finally {
  await browser.close();
  server.kill();
}

const table = [
  '| measure | value | target | met |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.target} | ${r.met ? 'yes' : 'NO'} |`),
].join('\n');
mkdirSync('build/bench', { recursive: true });
writeFileSync('build/bench/report.md', `# Benchmark, ${new Date().toISOString()}\n\n${table}\n`);
console.log(table);
console.log('\nWritten to build/bench/report.md');
