// Edit and run a lesson's program in the page: the editor, the program's arguments, the stand-in
// network's settings, Run/Stop, the output as it is printed, the traceback with links to the
// learner's lines, and the run on the lab's timeline. This bundle loads only when the learner
// presses "Edit and run" (index.js imports it); the runtime loads with it, in a worker
// (session.js), with its progress in bytes.
import { element } from '../lab/dom.js';
import { readParams } from '../lab/params.js';
import { keepOffline } from '../site/offline.js';
import { getSetting, setSetting } from '../site/storage.js';
import { splitArguments, joinArguments } from './args.js';
import { OutputConsole } from './console.js';
import { createEditor, goToLine, replaceText } from './editor.js';
import { PythonSession } from './session.js';
import { pageRuntime } from './start.js';
import { RunView } from './run-view.js';
import { lastLine, traceback } from './traceback.js';

// The stand-in network's settings, clamped and explained as a demo's parameters are
// (lab/params.js): the latency's range is the downloads demo's; jitter and failures are fractions.
export const NETWORK = [
  { name: 'latency_ms', label: 'Latency', unit: 'ms', min: 0, max: 2000, step: 10, default: 200 },
  { name: 'jitter', label: 'Jitter', min: 0, max: 1, step: 0.01, default: 0 },
  { name: 'fail', label: 'Failure rate', min: 0, max: 1, step: 0.01, default: 0 },
];

const EDIT_KEY = (key) => `course-program-edit:${key}`;
const SAVE_AFTER_MS = 300;

// One runtime for the page, whichever of its programs runs.
let session = null;
let runners = 0;

const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

// `host`: the program's .program-run element (its data-program: { key, file, args }); `started`:
// the runtime's worker, which index.js started at the press (start.js), or null. Where the runtime
// is, the page says once (partials/python/page-data.html).
export function openRunner(host, started = null) {
  session ??= new PythonSession(pageRuntime() ?? {}, started);
  runners += 1;
  const id = `program-${runners}`;
  const program = JSON.parse(host.dataset.program);
  // An exercise's program (exercises/exercises.html): the button checks it, as the exercise's
  // checker would on the learner's machine, with the checker's own arguments and network.
  const exercise = program.exercise ?? null;
  const verb = exercise ? 'Check' : 'Run';
  const details = host.closest('details');
  const code = details.querySelector('.highlight, pre');
  // The lesson's version, exactly as the page shows it.
  const original = code.querySelector('code')?.textContent ?? code.textContent;
  const saved = getSetting(EDIT_KEY(program.key));
  const edited = saved && saved !== original ? saved : null;

  const root = element('div', 'program-runner');
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', `${exercise ? 'Edit and check' : 'Edit and run'} ${program.file}`);
  root.dataset.state = 'loading';

  // Loading: a bar in bytes, or what failed.
  const loading = element('div', 'program-loading');
  const progress = element('progress');
  const progressText = element('span', 'program-loading-text', 'Loading the runtime…');
  progressText.id = `${id}-progress`;
  progress.setAttribute('aria-labelledby', progressText.id);
  loading.append(progressText, progress);
  const retry = element('button', 'program-retry', 'Try again');
  retry.type = 'button';
  retry.hidden = true;
  loading.append(retry);

  const editorBox = element('div', 'program-editor');
  const hint = element(
    'p',
    'program-hint',
    `Tab indents. To leave the editor with the keyboard, press Escape, then Tab. Ctrl+Enter (⌘+Enter on a Mac) ${exercise ? 'checks' : 'runs'} the program.`,
  );
  hint.id = `${id}-hint`;

  const form = element('form', 'program-form');
  form.noValidate = true;
  const fields = element('div', 'lab-params program-fields');
  const argsField = element('div', 'lab-param program-args');
  const argsLabel = element('label', '', 'Arguments');
  argsLabel.htmlFor = `${id}-args`;
  const argsInput = element('input');
  Object.assign(argsInput, { type: 'text', id: `${id}-args`, name: 'args', spellcheck: false, autocomplete: 'off' });
  argsInput.value = joinArguments(program.args ?? []);
  argsInput.setAttribute('aria-describedby', `${id}-args-hint`);
  const argsHint = element('span', 'lab-hint', 'As on a command line: quote an argument that holds spaces.');
  argsHint.id = `${id}-args-hint`;
  argsField.append(argsLabel, argsInput, argsHint);
  fields.append(argsField);
  for (const spec of NETWORK) {
    const field = element('div', 'lab-param');
    const label = element('label', '', `${spec.label} (${spec.unit ?? `${spec.min}–${spec.max}`})`);
    label.htmlFor = `${id}-${spec.name}`;
    const input = element('input');
    Object.assign(input, {
      type: 'number',
      id: `${id}-${spec.name}`,
      name: spec.name,
      min: spec.min,
      max: spec.max,
      step: spec.step,
      value: spec.default,
    });
    field.append(label, input);
    fields.append(field);
  }
  const network = element(
    'p',
    'program-network-note',
    'The downloads go to a stand-in page server in this page: it answers each request with a page of this site, after the latency you set ' +
      '(varied by up to the jitter, as a fraction, either way), failing that fraction of requests with an error: the demos’ model of a network. ' +
      'Only its addresses answer (http://127.0.0.1:8000/…, as on your machine); nothing leaves this site.',
  );
  const buttons = element('div', 'lab-buttons program-buttons');
  const runButton = element('button', 'program-run-button', verb);
  // Enabled even while the runtime loads: Enter in a field submits the form only when its first
  // submit button is enabled, and the form then says what is missing.
  runButton.type = 'submit';
  runButton.setAttribute('aria-keyshortcuts', 'Control+Enter Meta+Enter');
  const resetButton = element('button', 'program-reset', 'Reset');
  resetButton.type = 'button';
  buttons.append(runButton, resetButton);
  const status = element('p', 'lab-message program-status');
  status.setAttribute('role', 'status');
  form.append(fields, network, buttons, status);
  // A check sets its own arguments and network: the fields would only mislead.
  if (exercise) {
    fields.hidden = true;
    network.textContent =
      'Check runs your program as the exercise’s checker does: with the page addresses and the latency it needs, ' +
      'on a stand-in page server in this page that counts the downloads at once (nothing leaves this site).';
  }

  const output = new OutputConsole(`Output of ${program.file}`);
  const runs = element('div', 'program-runs');
  root.append(loading, editorBox, hint, form, output.element, runs);
  host.after(root);
  host.hidden = true;
  code.hidden = true;

  const say = (text, warning = false) => {
    status.textContent = text;
    status.classList.toggle('is-warning', warning);
  };

  // Edits are kept per program (in memory only where storage is blocked: storage.js says so).
  let saveTimer = null;
  const view = createEditor({
    parent: editorBox,
    doc: edited ?? original,
    label: `Code of ${program.file}`,
    onRun: () => form.requestSubmit(),
    onChange: (text) => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => setSetting(EDIT_KEY(program.key), text === original ? '' : text), SAVE_AFTER_MS);
    },
  });
  view.contentDOM.setAttribute('aria-describedby', hint.id);
  if (edited) say('Your edited version, kept from last time. Reset brings back the lesson’s.');

  resetButton.addEventListener('click', () => {
    if (view.state.doc.toString() === original) {
      say('This is the lesson’s version already.');
      return;
    }
    replaceText(view, original);
    say('Back to the lesson’s version. Undo in the editor (Ctrl+Z, ⌘+Z) brings your edits back.');
    view.focus();
  });

  // Run pressed while the runtime loads: it runs once the runtime is ready.
  let runWhenReady = false;

  // The runtime's load, shown in bytes; a failure says what failed and offers another try.
  const showProgress = ({ loaded, total }) => {
    if (session.ready || root.dataset.state !== 'loading') return;
    loading.hidden = false;
    progress.max = total || 1;
    progress.value = Math.min(loaded, total || loaded);
    // Once every byte is in, Python still has to start (seconds on a slow device): say so,
    // rather than leave a full bar that seems stuck.
    if (total && loaded >= total) progressText.textContent = `Loaded ${megabytes(total)} MB. Starting Python…`;
    else {
      progressText.textContent = total
        ? `Loading the runtime: ${megabytes(loaded)} of ${megabytes(total)} MB`
        : `Loading the runtime: ${megabytes(loaded)} MB`;
    }
  };
  session.onProgress(showProgress);
  const load = () => {
    retry.hidden = true;
    progress.hidden = false;
    root.dataset.state = 'loading';
    return session.load().then(
      (ready) => {
        // The runtime loaded: it and the lessons opened can work offline from now on. The
        // worker's own requests are passed on: the page cannot see them.
        keepOffline([session.urls.worker, `${session.urls.lib}page.txt`, ...(ready.fetched ?? [])]);
        loading.hidden = true;
        root.dataset.state = 'ready';
        if (runWhenReady) {
          runWhenReady = false;
          form.requestSubmit();
        } else if (!status.textContent) say(`Ready: Python ${ready.python}. Edit the program and press Run.`);
        return true;
      },
      (error) => {
        runWhenReady = false;
        root.dataset.state = 'error';
        progress.hidden = true;
        progressText.textContent = `The runtime could not load: ${error.message} Check the connection, then try again.`;
        retry.hidden = false;
        return false;
      },
    );
  };
  retry.addEventListener('click', () => {
    load();
  });
  load();

  // Run becomes Stop while a run goes on.
  let running = false;
  const setRunning = (on) => {
    running = on;
    root.dataset.state = on ? 'running' : 'ready';
    runButton.textContent = on ? 'Stop' : verb;
    runButton.type = on ? 'button' : 'submit';
    resetButton.disabled = on;
    for (const input of fields.querySelectorAll('input')) input.disabled = on;
  };
  runButton.addEventListener('click', (event) => {
    if (!running) return; // a submit: the form's handler runs it
    event.preventDefault();
    runButton.disabled = true;
    say('Stopping…');
    session.stop();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (running) return;
    const parsed = splitArguments(argsInput.value);
    if (parsed.error) {
      argsInput.setAttribute('aria-invalid', 'true');
      say(parsed.error, true);
      return;
    }
    argsInput.removeAttribute('aria-invalid');
    const { values, notes, refused } = readParams(form, NETWORK, 'the run');
    if (refused) {
      say(notes.join(' '), true);
      return;
    }
    if (session.running) {
      say('Another program on this page is running: stop it first.', true);
      return;
    }
    if (!session.ready) {
      // Another program's Stop may have ended the page's runtime: this one loads it again.
      if (root.dataset.state === 'ready') load();
      if (root.dataset.state === 'error') {
        say(`${notes.join(' ')} The runtime could not load: press Try again above.`.trim(), true);
        return;
      }
      // Pressed while the runtime loads: the learner asked for a run, so it runs once it can
      // (load() submits the form again then, with the fields as they are at that moment).
      runWhenReady = true;
      say(`${notes.join(' ')} The program runs as soon as the runtime is ready.`.trim(), notes.length > 0);
      return;
    }
    const settings = Object.fromEntries(NETWORK.map((spec, i) => [spec.name, values[i]]));
    await run(parsed.args, settings, notes);
  });

  const run = async (args, settings, notes) => {
    output.clear();
    runs.replaceChildren();
    const runView = new RunView(program.file, { program: program.file, args, network: settings });
    runs.append(runView.element);
    setRunning(true);
    say(notes.length ? `${notes.join(' ')} Running…` : exercise ? 'Checking…' : 'Running…', notes.length > 0);
    const started = performance.now();
    let done;
    try {
      done = await session.start(
        // No seed: each run draws its own jitter and failures.
        {
          filename: program.file,
          code: view.state.doc.toString(),
          args,
          network: settings,
          ...(exercise && { check: exercise }),
        },
        { onOutput: (stream, text) => output.write(stream, text), onEvents: (events) => runView.add(events) },
      );
    } catch (error) {
      setRunning(false);
      runButton.disabled = false;
      say(`The program could not start: ${error.message}`, true);
      if (!session.ready) load();
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    runView.finish({ stopped: done.status === 'stopped', now: performance.timeOrigin + performance.now() });
    setRunning(false);
    runButton.disabled = false;
    root.dataset.status = done.status;
    // How many runs ended: a reader that waits for one (a test) waits for this to change.
    root.dataset.runs = String(Number(root.dataset.runs ?? 0) + 1);
    if (done.error) output.append(traceback(done.error, program.file, (line) => goToLine(view, line)));
    if (done.verdict) {
      // The exercise's article learns the verdict (js/site/progress.js counts a pass as solved).
      const article = host.closest('article.exercise');
      if (article && article.dataset.checked !== 'pass')
        article.dataset.checked = done.verdict.passed ? 'pass' : 'fail';
      say(`${done.verdict.passed ? 'Passed' : 'Not yet'}: ${done.verdict.message}`, !done.verdict.passed);
      return;
    }
    const stderrNote = notes.length ? `${notes.join(' ')} ` : '';
    if (done.status === 'ok') say(`${stderrNote}Done in ${seconds} s.`, notes.length > 0);
    else if (done.status === 'exit')
      say(`${stderrNote}The program exited with status ${done.code} after ${seconds} s.`, done.code !== 0);
    else if (done.status === 'stopped') {
      say(
        done.ended
          ? 'Stopped. The program did not answer the interrupt in time, so its runtime was ended; a fresh one loads for the next run.'
          : 'Stopped.',
      );
      if (done.ended) load();
    } else {
      const line = lastLine(done.error, program.file);
      const last = (done.error ?? '').trim().split('\n').at(-1);
      say(`The program raised an error${line ? ` at line ${line}` : ''}: ${last}`, true);
    }
  };

  view.focus();
  return { view, root };
}
