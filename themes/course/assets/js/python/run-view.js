// A learner's run on the lab's own timeline, with the same study tools after it ends as a demo's
// run (lab/demo.js builds them the same way): the events come from the worker, which takes them
// from the program itself (asyncio's task steps, the stand-ins' downloads, blocking calls). One
// lane: the event loop when the program ran one (its tasks' steps), else the main thread.
import { element, reducedMotion } from '../lab/dom.js';
import { Kind } from '../lab/events.js';
import { RunRecord } from '../lab/record.js';
import { findings, legend, summary, timesTable } from '../lab/results.js';
import { Study } from '../lab/study.js';
import { Timeline, formatMs } from '../lab/timeline.js';

const LANE_LOOP = 'event loop';
const LANE_MAIN = 'main thread';
// A program may start thousands of tasks or take millions of steps: the timeline draws the first
// MAX_TASKS tasks and MAX_EVENTS events (an element or two each), says what it left out, and the
// page stays responsive whatever the program does.
export const MAX_TASKS = 200;
export const MAX_EVENTS = 20_000;

// The model a learner's run is drawn as: the lab's record and trace need a label, what it stands
// for, its lane's name and the parameters it uses (none of the lab's).
export function programModel(filename) {
  const model = {
    name: 'program',
    label: 'Your program',
    stands_for: filename,
    backend: 'program',
    uses: [],
    // asyncio.run's main coroutine is Task-1 and the program's task 0: its debug mode's warnings
    // name task n as Task-(n + 1).
    slow_step_first_task: 1,
    lane: LANE_MAIN,
    laneName: () => model.lane,
  };
  return model;
}

export class RunView {
  // `filename`: the program's; `about`: what the exported trace says of the run (its arguments,
  // the network's settings).
  constructor(filename, about) {
    this.model = programModel(filename);
    this.about = about;
    this.filename = filename;
    this.timeline = null;
    this.element = element('section', 'lab-run program-run-view');
    this.element.setAttribute('aria-label', 'Timeline of your run');
    this.heading = element('h3', '', 'Your run on a timeline');
    this.wall = element('output');
    this.heading.append(this.wall);
    this.element.append(this.heading);
    this.element.hidden = true;
    this.drawing = null;
  }

  add(events) {
    for (const event of events) {
      if (this.tooMany(event)) continue;
      if (event.kind === Kind.run_start) {
        this.timeline = new Timeline(Math.max(1, event.value), this.model.laneName, event.time);
        this.timeline.slowStepFirstTask = this.model.slow_step_first_task;
        this.element.append(this.timeline.element);
        this.element.hidden = false;
        this.startDrawing();
        continue;
      }
      if (!this.timeline) continue;
      // An event loop's steps: the lane is the loop, and says so.
      if (event.kind === Kind.step_start && this.model.lane !== LANE_LOOP) {
        this.model.lane = LANE_LOOP;
        for (const name of this.timeline.element.querySelectorAll('.lab-lane-name')) name.textContent = LANE_LOOP;
      }
      this.timeline.add(event);
    }
  }

  // Whether to leave `event` out of the drawing: past the caps, all but the run's end, and every
  // event of a task that started past MAX_TASKS.
  tooMany(event) {
    this.counted = (this.counted ?? 0) + 1;
    this.shownTasks ??= new Set();
    if (event.kind === Kind.run_start || event.kind === Kind.run_end) return false;
    if (event.kind === Kind.task_start && this.shownTasks.size < MAX_TASKS && this.counted <= MAX_EVENTS) {
      this.shownTasks.add(event.task);
      return false;
    }
    const shown = this.shownTasks.has(event.task) && this.counted <= MAX_EVENTS;
    if (!shown) this.left = (this.left ?? 0) + 1;
    return !shown;
  }

  // Five redraws a second while the run goes on, as a demo's (one a second with reduced motion).
  startDrawing() {
    const every = reducedMotion() ? 1000 : 200;
    const redraw = () => {
      if (!this.drawing) return;
      this.timeline.draw(Math.max(1, this.timeline.elapsed()));
      this.drawing = setTimeout(() => requestAnimationFrame(redraw), every);
    };
    this.drawing = setTimeout(() => requestAnimationFrame(redraw), 0);
  }

  // The run ended (`stopped`: by Stop). A worker ended by Stop sends no run_end: the page ends
  // the run at `now`.
  finish({ stopped, now }) {
    clearTimeout(this.drawing);
    this.drawing = null;
    const timeline = this.timeline;
    if (!timeline) return;
    if (timeline.end === null) timeline.add({ kind: Kind.run_end, time: now, lane: 0, task: -1, value: 1 });
    const wallMs = timeline.elapsed();
    timeline.draw(Math.max(1, wallMs));
    this.wall.textContent = stopped ? `stopped after ${formatMs(wallMs)}` : formatMs(wallMs);
    this.wall.dataset.ms = String(wallMs);
    if (timeline.tasks.size === 0) return;
    const record = RunRecord.ofTimeline(timeline, this.model);
    const study = new Study(timeline, record, {
      model: this.model,
      axisMs: Math.max(1, wallMs),
      fileName: `${this.filename.replace(/\.\w+$/, '')}.trace.json`,
      about: this.about,
    });
    const where = element('p', 'lab-where', record.summary());
    if (this.left) {
      this.element.append(
        element(
          'p',
          'lab-message is-warning',
          `The timeline shows ${timeline.tasks.size} tasks and ` +
            `the first ${Math.min(this.counted, MAX_EVENTS).toLocaleString('en')} events of this run; it left out ` +
            `${this.left.toLocaleString('en')} more, so that the page stays quick.`,
        ),
      );
    }
    const legendList = legend(timeline);
    this.element.append(
      legendList,
      study.element,
      where,
      summary(timeline, this.model, null),
      ...findings(timeline, record, this.model),
      timesTable({ result_label: null }, this.model, record, true),
    );
    this.record = record;
  }
}
