// After a run: its timeline becomes something to study. A scrubber moves a cursor through the
// run and a sentence says what every lane does there; Play replays it at a fraction of real time,
// the step buttons and ←/→ jump from one change to the next; zoom and pan bring a 5 ms lock
// switch into view inside a 3 s run; and the run can leave as a trace for Perfetto.
import { element, reducedMotion } from './dom.js';
import { traceOf } from './trace.js';

const SPEEDS = [0.1, 0.25, 0.5, 1];
const MAX_ZOOM = 256;

let studies = 0;

export class Study {
  // `timeline`: the run's Timeline, drawn on an axis `axisMs` long; `record`: its RunRecord;
  // `fileName`, `about`: the trace's name and what it says of the run.
  constructor(timeline, record, { model, axisMs, fileName, about }) {
    this.timeline = timeline;
    this.record = record;
    this.model = model;
    this.axisMs = axisMs;
    this.cursor = 0;
    this.zoom = 1;
    this.pan = 0;
    this.playing = null;
    studies += 1;
    const id = `lab-study-${studies}`;

    this.element = element('div', 'lab-study');
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', `Study the run: ${model.label}`);
    const bar = element('div', 'lab-study-bar');
    const button = (label, text, onClick) => {
      const node = element('button', 'lab-study-button', text);
      node.type = 'button';
      node.setAttribute('aria-label', label);
      node.title = label;
      node.addEventListener('click', onClick);
      return node;
    };
    this.previousButton = button('Previous change', '◀', () => this.step(-1));
    this.playButton = button('Play', 'Play', () => this.togglePlay());
    this.nextButton = button('Next change', '▶', () => this.step(1));
    this.speed = element('select', 'lab-study-speed');
    this.speed.setAttribute('aria-label', 'Replay speed');
    for (const speed of SPEEDS) {
      const option = element('option', '', `${speed}×`);
      option.value = String(speed);
      option.selected = speed === 0.25;
      this.speed.append(option);
    }
    this.scrubber = element('input', 'lab-scrubber');
    Object.assign(this.scrubber, { type: 'range', min: '0', max: String(record.wallMs), step: 'any', value: '0' });
    this.scrubber.setAttribute('aria-label', 'Time in the run');
    this.scrubber.setAttribute('aria-describedby', `${id}-now`);
    this.scrubber.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight Home End + - 0 Space');
    this.scrubber.addEventListener('input', () => this.setCursor(Number(this.scrubber.value)));
    this.scrubber.addEventListener('keydown', (event) => this.onKey(event));
    const zoomOut = button('Zoom out', '−', () => this.setZoom(this.zoom / 2));
    const zoomIn = button('Zoom in', '+', () => this.setZoom(this.zoom * 2));
    const fit = button('Zoom to fit', 'Fit', () => this.fit());
    const download = button('Download trace', 'Download trace', () => this.download(fileName, about));
    download.classList.add('lab-study-download');
    bar.append(
      this.previousButton,
      this.playButton,
      this.nextButton,
      this.speed,
      this.scrubber,
      zoomOut,
      zoomIn,
      fit,
      download,
    );

    this.now = element('p', 'lab-now');
    this.now.id = `${id}-now`;
    this.now.setAttribute('aria-live', 'polite');
    const howTo = element(
      'p',
      'lab-study-hint',
      'On the slider: ←/→ step from change to change, +/− zoom, space plays. On the timeline: Ctrl+wheel zooms, Shift+wheel pans. ' +
        'A downloaded trace opens in Perfetto UI (ui.perfetto.dev: Open trace file) or speedscope (speedscope.app).',
    );
    this.element.append(bar, this.now, howTo);

    timeline.study(this);
    this.setCursor(0);
  }

  // Moves the cursor to `t` ms into the run: the scrubber, the cursor line, each lane's state and
  // the sentence follow; a zoomed timeline pans to keep it in view.
  setCursor(t) {
    this.cursor = Math.min(Math.max(0, t), this.record.wallMs);
    this.scrubber.value = String(this.cursor);
    const sentence = this.record.sentence(this.cursor);
    this.scrubber.setAttribute('aria-valuetext', sentence.slice(0, sentence.indexOf(':')).replace(/^At /, ''));
    this.now.textContent = sentence;
    this.timeline.showCursor(this.cursor, this.record);
    this.keepInView();
  }

  // To the next (+1) or previous (−1) moment where something changed.
  step(direction) {
    this.stop();
    const { moments } = this.record;
    const epsilon = 1e-6;
    const next =
      direction > 0
        ? moments.find((t) => t > this.cursor + epsilon)
        : moments.findLast((t) => t < this.cursor - epsilon);
    if (next !== undefined) this.setCursor(next);
  }

  togglePlay() {
    if (this.playing) this.stop();
    else this.play();
  }

  // Replays from the cursor (from the start if it is at the end) at the chosen fraction of real
  // time. With reduced motion the cursor jumps from one change to the next instead of gliding.
  play() {
    if (this.cursor >= this.record.wallMs) this.setCursor(0);
    const speed = Number(this.speed.value);
    const token = {};
    this.playing = token;
    this.playButton.textContent = 'Pause';
    this.playButton.setAttribute('aria-label', 'Pause');
    this.element.dataset.playing = 'true';
    if (reducedMotion()) {
      const jump = () => {
        if (this.playing !== token) return;
        const next = this.record.moments.find((t) => t > this.cursor + 1e-6);
        if (next === undefined) {
          this.stop();
          return;
        }
        token.timer = setTimeout(
          () => {
            if (this.playing !== token) return;
            this.setCursor(next);
            jump();
          },
          Math.min(2000, (next - this.cursor) / speed),
        );
      };
      jump();
      return;
    }
    let last = performance.now();
    const frame = (now) => {
      if (this.playing !== token) return;
      const t = this.cursor + (now - last) * speed;
      last = now;
      this.setCursor(t);
      if (t >= this.record.wallMs) this.stop();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  stop() {
    if (!this.playing) return;
    clearTimeout(this.playing.timer);
    this.playing = null;
    this.playButton.textContent = 'Play';
    this.playButton.setAttribute('aria-label', 'Play');
    delete this.element.dataset.playing;
  }

  // Zooms about the cursor, keeping it where it was on screen when it can.
  setZoom(zoom) {
    const clamped = Math.min(MAX_ZOOM, Math.max(1, zoom));
    const at = this.cursor / this.axisMs;
    const onScreen = (at - this.pan) * this.zoom;
    this.zoom = clamped;
    this.setPan(at - onScreen / clamped);
    this.keepInView();
  }

  // This run alone across the whole width: a short run beside a long one need not be a sliver.
  fit() {
    this.zoom = Math.min(MAX_ZOOM, Math.max(1, this.axisMs / Math.max(this.record.wallMs, 1e-3)));
    this.setPan(0);
  }

  // Zooms about a point of the timeline (a fraction of its visible width), for the wheel.
  zoomAround(factor, fraction) {
    const clamped = Math.min(MAX_ZOOM, Math.max(1, this.zoom * factor));
    const at = this.pan + fraction / this.zoom;
    this.zoom = clamped;
    this.setPan(at - fraction / clamped);
  }

  // `pan`: the fraction of the whole axis left of the visible part.
  setPan(pan) {
    this.pan = Math.min(Math.max(0, pan), 1 - 1 / this.zoom);
    this.timeline.setView(this.zoom, this.pan, this.axisMs);
  }

  keepInView() {
    const at = this.cursor / this.axisMs;
    const visible = 1 / this.zoom;
    if (at < this.pan || at > this.pan + visible) this.setPan(at - visible / 2);
    else this.timeline.setView(this.zoom, this.pan, this.axisMs);
  }

  onKey(event) {
    const keys = {
      ArrowLeft: () => this.step(-1),
      ArrowDown: () => this.step(-1),
      ArrowRight: () => this.step(1),
      ArrowUp: () => this.step(1),
      Home: () => {
        this.stop();
        this.setCursor(0);
      },
      End: () => {
        this.stop();
        this.setCursor(this.record.wallMs);
      },
      '+': () => this.setZoom(this.zoom * 2),
      '=': () => this.setZoom(this.zoom * 2),
      '-': () => this.setZoom(this.zoom / 2),
      0: () => this.fit(),
      ' ': () => this.togglePlay(),
    };
    const act = keys[event.key];
    if (!act || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    act();
  }

  download(fileName, about) {
    const trace = traceOf(this.record, this.model, about);
    const blob = new Blob([JSON.stringify(trace)], { type: 'application/json' });
    const link = element('a');
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
}
