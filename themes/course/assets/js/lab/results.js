// What a finished run's section shows below its timeline, in words and a table: the legend of
// its states, where the time went, its endings and warnings, and each task's times. A demo's runs
// (demo.js) and a learner's own program's (the runner's run-view.js) show the same.
import { element } from './dom.js';
import { inSentence } from './models.js';
import { ENDING_WORDS } from './record.js';
import { STATES, formatMs, lockName } from './timeline.js';
import { slowStepMessage, TERMS } from './terms.js';

// What the timeline shows that needs saying in words: a deadlock's cycle, the loop's warnings,
// where an error reached the waiting code and what became of the other tasks.
export function findings(timeline, record, model) {
  const found = [];
  const endings = record.endings();
  if (endings) {
    // The first error that reached the waiting code, or else the first process that died.
    const crash = record
      .taskTimes()
      .filter((t) => t.outcome === 'crashed')
      .sort((a, b) => a.end - b.end)[0];
    const first = record.errors[0] ?? (crash && { at: crash.end, task: crash.id });
    const failed = first && record.taskTimes().find((t) => t.id === first.task);
    const what = first
      ? `At ${formatMs(first.at)} task ${first.task + 1} ${ENDING_WORDS[failed?.outcome ?? 'failed']}${model.on_error ? `: ${model.on_error}` : ''}. `
      : '';
    const para = element('p', 'lab-findings lab-endings', `${what}${endings}`);
    found.push(para);
  }
  if (timeline.deadlock.length) {
    const who = timeline.deadlock
      .sort((a, b) => a.lane - b.lane)
      .map(({ lane, holds, waitsFor }) => {
        const held = holds.length ? `holds ${holds.map(lockName).join(' and ')} and ` : '';
        return `${timeline.laneName(lane)} ${held}waits for ${lockName(waitsFor)}`;
      });
    found.push(
      element(
        'p',
        'lab-findings',
        `Deadlock: ${who.join('; ')}. Each waits for a lock ` +
          'another holds, so none can go on: the lab found the cycle in its wait-for graph and ended the run.',
      ),
    );
  }
  if (timeline.slowSteps.length) {
    const steps = timeline.slowSteps;
    const shown = steps.slice(0, 3).map(({ task, ms }) => slowStepMessage(task, ms, model.slow_step_first_task));
    const more = steps.length > 3 ? `, and ${steps.length - 3} more` : '';
    found.push(
      element(
        'p',
        'lab-findings',
        `${steps.length} slow step${steps.length > 1 ? 's' : ''} (⚠): ` +
          `each held the event loop past the warning threshold. ${TERMS.slow_step_warner} would log: ${shown.join('; ')}${more}.`,
      ),
    );
  }
  return found;
}

export function legend(timeline) {
  const list = element('ul', 'lab-legend');
  for (const state of timeline.legend()) list.append(element('li', `is-${state}`, STATES[state]));
  return list;
}

// Wall time, busy time, speedup against the first model run, and how busy each lane was.
export function summary(timeline, model, baseline) {
  const wall = timeline.elapsed();
  const busy = timeline.busyByLane();
  const total = busy.reduce((sum, ms) => sum + ms, 0);
  const line = element('p', 'lab-stats');
  const add = (term, value) => {
    const item = element('span');
    item.append(element('strong', '', `${term}: `), value);
    line.append(item);
  };
  add('Busy', `${formatMs(total)} running code`);
  if (baseline && baseline.model !== model && timeline.end !== null) {
    add('Speedup', `${(baseline.ms / wall).toFixed(2)}× vs ${inSentence(baseline.model.label)}`);
  }
  const percent = (ms) => `${Math.round((100 * ms) / wall)}%`;
  add('Utilisation', busy.map((ms, lane) => `${timeline.laneName(lane)} ${percent(ms)}`).join(', '));
  return line;
}

// Each task's times as a table: the timeline's text alternative, which screen readers can read
// and a printed page keeps (print shows it even when folded). Its states add up to each task's
// time: running, and waiting on what.
export function timesTable(demo, model, record, open) {
  const times = record.taskTimes();
  const box = element('div', 'lab-results');
  const body = element('div', 'lab-results-body');
  body.id = `lab-results-${(timesTable.count = (timesTable.count ?? 0) + 1)}`;
  // It scrolls sideways on a narrow screen: a keyboard must be able to reach it to scroll it.
  body.tabIndex = 0;
  body.setAttribute('role', 'group');
  body.setAttribute('aria-label', `${model.label}: each task's times`);
  const toggle = element('button', 'lab-results-toggle', `Each task's times (${times.length})`);
  toggle.type = 'button';
  toggle.setAttribute('aria-controls', body.id);
  const show = (shown) => {
    box.classList.toggle('is-open', shown);
    toggle.setAttribute('aria-expanded', String(shown));
  };
  show(open && times.length > 0 && times.length <= 8);
  toggle.addEventListener('click', () => show(!box.classList.contains('is-open')));
  const table = element('table');
  table.append(element('caption', '', `${model.label}: each task's times, in ms from the run's start`));
  const head = table.createTHead().insertRow();
  // A result_label of null: the tasks have no result to show (a learner's program), only how
  // each ended.
  const endings = demo.result_label === null;
  for (const title of [
    'Task',
    'Ran on',
    endings ? 'Ended' : (demo.result_label ?? 'Result'),
    'Start',
    'End',
    'Took',
    'Running',
    'Waiting',
  ]) {
    const th = element('th', '', title);
    th.scope = 'col';
    head.append(th);
  }
  const rows = table.createTBody();
  for (const task of times) {
    const row = rows.insertRow();
    const waits = Object.entries(task.byState)
      .filter(([state]) => state !== 'running')
      .map(([state, ms]) => `${STATES[state] ?? state} ${formatMs(ms)}`);
    const cells = [
      String(task.id + 1),
      task.lane < 0 ? 'not started' : model.laneName(task.lane),
      task.outcome === 'done' && !endings
        ? task.result.toLocaleString('en')
        : (ENDING_WORDS[task.outcome] ?? 'not finished'),
      formatMs(task.start),
      formatMs(task.end),
      formatMs(task.end - task.start),
      formatMs(task.byState.running ?? 0),
      waits.join(', ') || 'none',
    ];
    const th = element('th', '', cells[0]);
    th.scope = 'row';
    row.append(th);
    for (const text of cells.slice(1)) row.insertCell().textContent = text;
    Object.assign(row.dataset, {
      finished: String(task.outcome === 'done'),
      outcome: task.outcome ?? 'unfinished',
      start: String(task.start),
      end: String(task.end),
      running: String(task.byState.running ?? 0),
      waiting: String(
        Object.entries(task.byState)
          .filter(([state]) => state !== 'running')
          .reduce((sum, [, ms]) => sum + ms, 0),
      ),
    });
  }
  body.append(table);
  box.append(toggle, body);
  return box;
}
