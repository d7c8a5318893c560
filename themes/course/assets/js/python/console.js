// The output of a run, as it is printed: a log that keeps its last MAX_LINES lines and says how
// many earlier ones it dropped, so that a program printing in a loop cannot make the page hold
// (and lay out) millions of lines. Text is gathered as it comes and drawn at most ten times a second.
import { element } from '../lab/dom.js';

export const MAX_LINES = 2000;
// A line longer than this is cut: one print of a huge string is still one line to lay out.
export const MAX_LINE_CHARS = 4000;

// The pure part, testable without a page: lines in, the last `max` kept, the rest counted.
export class LineBuffer {
  constructor(max = MAX_LINES) {
    this.max = max;
    this.lines = []; // { stream, text }; the last one may still grow (no newline yet)
    this.open = false; // whether the last line awaits the rest of its text
    this.dropped = 0;
  }

  write(stream, text) {
    if (text === '') return;
    const parts = text.split('\n');
    const endsOpen = !text.endsWith('\n');
    if (!endsOpen) parts.pop(); // the '' after the last newline
    // The first part ends the line left open, when it is of the same stream.
    const last = this.lines.at(-1);
    if (this.open && last.stream === stream && parts.length) last.text = cut(last.text + parts.shift());
    // What is now in `parts` are new lines; of old and new, only the last `max` stay. A flood is
    // cut before its lines are made.
    const excess = this.lines.length + parts.length - this.max;
    if (excess > 0) {
      const old = Math.min(excess, this.lines.length);
      this.lines.splice(0, old);
      parts.splice(0, excess - old);
      this.dropped += excess;
    }
    for (const part of parts) this.lines.push({ stream, text: cut(part) });
    this.open = endsOpen && this.lines.length > 0;
  }

  clear() {
    this.lines = [];
    this.open = false;
    this.dropped = 0;
  }
}

const cut = (text) =>
  text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)} … (line cut at ${MAX_LINE_CHARS} characters)` : text;

export class OutputConsole {
  constructor(label) {
    this.buffer = new LineBuffer();
    this.element = element('div', 'program-console');
    this.element.setAttribute('role', 'log');
    this.element.setAttribute('aria-live', 'polite');
    this.element.setAttribute('aria-label', label);
    // It scrolls: a keyboard must be able to reach it.
    this.element.tabIndex = 0;
    this.dropNote = element('p', 'program-console-dropped');
    this.dropNote.hidden = true;
    this.body = element('pre', 'program-console-lines');
    this.element.append(this.dropNote, this.body);
    this.pending = false;
    this.extra = [];
    this.element.dataset.lines = '0'; // hidden until a run prints (programs.css)
  }

  write(stream, text) {
    this.buffer.write(stream, text);
    this.schedule();
  }

  // Nodes after the output (a traceback with links to the learner's lines).
  append(node) {
    this.extra.push(node);
    this.schedule();
  }

  clear() {
    this.buffer.clear();
    this.extra = [];
    this.body.replaceChildren();
    this.dropNote.hidden = true;
    this.element.dataset.lines = '0';
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    // Ten redraws a second are enough to read by, and leave the page free between them.
    setTimeout(() => requestAnimationFrame(() => this.flush()), 100);
  }

  // Redraws from the buffer: at most MAX_LINES short lines, whatever was printed.
  flush() {
    this.pending = false;
    const { lines, dropped } = this.buffer;
    const stuck = this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < 8;
    const nodes = [];
    let run = null;
    // Consecutive lines of one stream share one text node.
    for (const { stream, text } of lines) {
      if (!run || run.stream !== stream) {
        run = { stream, text: [] };
        nodes.push(run);
      }
      run.text.push(text);
    }
    this.body.replaceChildren(
      ...nodes.map(({ stream, text }) => {
        const span = element('span', `is-${stream}`, `${text.join('\n')}\n`);
        return span;
      }),
      ...this.extra,
    );
    this.dropNote.hidden = dropped === 0;
    this.dropNote.textContent =
      dropped === 0
        ? ''
        : `${dropped.toLocaleString('en')} earlier line${dropped === 1 ? '' : 's'} not shown: the console keeps the last ${MAX_LINES.toLocaleString('en')}.`;
    this.element.dataset.lines = String(lines.length);
    this.element.dataset.dropped = String(dropped);
    if (stuck) this.element.scrollTop = this.element.scrollHeight;
  }

  text() {
    return this.buffer.lines.map((line) => line.text).join('\n');
  }
}
