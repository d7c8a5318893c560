// Draws one variant's batch: a histogram of its final counts (a column per distinct count, or per
// range of counts when there are many), the right answer's column marked, a line that sums it
// up, and the same as a table for screen readers. Every variant of a batch shares one x axis.

const MAX_COLUMNS = 16;
const number = (n) => n.toLocaleString('en-US');

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The columns every variant of a batch is drawn on: one per distinct count while they are few,
// else equal ranges from the lowest count up to just below the right answer. The right answer
// always has a column of its own, at the right end (no run can count more).
export function sharedColumns(batches, right) {
  const values = [...new Set([right, ...batches.flatMap(({ counts }) => counts)])].sort((a, b) => a - b);
  if (values.length <= MAX_COLUMNS) return values.map((v) => ({ from: v, to: v }));
  const width = Math.ceil((right - values[0]) / (MAX_COLUMNS - 1));
  const columns = [];
  for (let from = values[0]; from < right; from += width) {
    columns.push({ from, to: Math.min(from + width - 1, right - 1) });
  }
  columns.push({ from: right, to: right });
  return columns;
}

const columnLabel = ({ from, to }) => (from === to ? number(from) : `${number(from)}–${number(to)}`);

// "lost updates in 38 of 50 runs; worst: 61,204 of 400,000"
export function summary(counts, right) {
  if (!counts.length) return 'no run finished';
  const lost = counts.filter((count) => count < right).length;
  return `lost updates in ${lost} of ${counts.length} runs; worst: ${number(Math.min(...counts))} of ${number(right)}`;
}

function chart(counts, right, columns) {
  const runs = columns.map(({ from, to }) => counts.filter((c) => c >= from && c <= to).length);
  const most = Math.max(1, ...runs);
  const box = element('div', 'race-chart');
  box.setAttribute('role', 'img');
  const described = columns.map((column, i) => (runs[i] ? `${runs[i]} at ${columnLabel(column)}` : '')).filter(Boolean);
  box.setAttribute(
    'aria-label',
    `Histogram of final counts: ${described.join(', ') || 'none yet'}; right answer ${number(right)}`,
  );
  const bars = element('div', 'race-bars');
  bars.style.setProperty('--columns', columns.length);
  columns.forEach((column, i) => {
    const isRight = column.from === right;
    const cell = element('div', `race-column${isRight ? ' is-right' : ''}`);
    cell.title = `${columnLabel(column)}: ${runs[i]} run${runs[i] === 1 ? '' : 's'}`;
    if (runs[i]) cell.append(element('span', 'race-runs', String(runs[i])));
    const bar = element('span', 'race-bar');
    bar.style.setProperty('--share', runs[i] / most);
    cell.append(bar);
    bars.append(cell);
  });
  const axis = element('div', 'race-axis');
  if (columns.length > 1) axis.append(element('span', '', columnLabel(columns[0])));
  axis.append(element('span', 'race-right', `${number(right)}: right answer`));
  box.append(bars, axis);
  return box;
}

function table(counts, right, label) {
  const details = element('details', 'lab-results');
  details.append(element('summary', '', 'The final counts as a table'));
  const tableNode = element('table');
  tableNode.append(element('caption', '', `${label}: runs per final count`));
  const head = tableNode.createTHead().insertRow();
  for (const title of ['Final count', 'Runs', 'Updates lost']) {
    const th = element('th', '', title);
    th.scope = 'col';
    head.append(th);
  }
  const body = tableNode.createTBody();
  const tally = new Map();
  for (const count of counts) tally.set(count, (tally.get(count) ?? 0) + 1);
  for (const [count, runs] of [...tally].sort((a, b) => b[0] - a[0])) {
    const row = body.insertRow();
    const th = element('th', '', number(count));
    th.scope = 'row';
    row.append(th);
    row.insertCell().textContent = String(runs);
    row.insertCell().textContent = number(right - count);
  }
  details.append(tableNode);
  return details;
}

// Fills `section` with the batch of one variant: { variant, counts, runs, right, state, ms }.
export function drawVariant(section, batch, columns) {
  const { variant, counts, runs, right, state, ms } = batch;
  const heading = element('h3', '', variant.label);
  heading.append(' ', element('span', 'lab-stands-for', variant.stands_for));
  const parts = [heading];
  if (state === 'waiting') {
    parts.push(element('p', 'race-summary', 'Waiting for its turn.'));
  } else if (state === 'skipped') {
    parts.push(element('p', 'race-summary', 'Not run: the batch was stopped first.'));
  } else {
    let line = summary(counts, right);
    if (state === 'running') line = `run ${Math.min(counts.length + 1, runs)} of ${runs}: ${line}`;
    if (state === 'stopped') line = `stopped after ${counts.length} of ${runs} runs: ${line}`;
    if (state === 'done') line += ` (${(ms / 1000).toFixed(1)} s)`;
    parts.push(element('p', 'race-summary', line[0].toUpperCase() + line.slice(1)));
    if (counts.length) {
      const details = table(counts, right, variant.label);
      // Redrawn after every run: a table the learner opened stays open.
      details.open = Boolean(section.querySelector('details')?.open);
      parts.push(chart(counts, right, columns), details);
    }
  }
  section.replaceChildren(...parts);
  section.dataset.state = state;
}
