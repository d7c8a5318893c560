// The puzzle on the page: draws a state of puzzle.js into the figure the partial rendered, and
// turns presses and keys into moves. Buttons are never `disabled` once the script runs (a
// disabled button drops the keyboard's focus): one that cannot act now says so with
// aria-disabled and a reason, and pressing it only says why.
import * as puzzle from './puzzle.js';

const KEYS = { 1: 'run0', 2: 'run1', u: 'undo', r: 'reset', l: 'toggle' };
const isTyping = (target) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));

export function mountPuzzle(figure) {
  const { programs, sources } = JSON.parse(figure.dataset.scheduler);
  const $ = (selector) => figure.querySelector(selector);
  const threads = [...figure.querySelectorAll('[data-thread]')].map((section) => ({
    section,
    program: section.querySelector('[data-program]'),
    stack: section.querySelector('[data-stack]'),
    run: section.querySelector('[data-run]'),
    why: section.querySelector('[data-why]'),
  }));
  const toggle = $('[data-toggle-lock]');
  const undoButton = $('[data-undo]');
  const resetButton = $('[data-reset]');
  const status = $('[data-status]');
  const outcomeBox = $('[data-outcome]');
  const log = $('[data-log]');
  const logEmpty = $('[data-log-empty]');

  let mode = figure.dataset.mode === 'lock' ? 'lock' : 'plain';
  let moves = [];
  let state = puzzle.start(programs[mode]);

  // The live region says what happened; the verdict, shown in its own box, is only heard there.
  const say = (text, heard = '') => {
    const hidden = Object.assign(document.createElement('span'), {
      className: 'scheduler-heard',
      textContent: heard ? ` ${heard}` : '',
    });
    status.replaceChildren(text, ...(heard ? [hidden] : []));
  };

  function drawProgram() {
    $('[data-source]').textContent = sources[mode];
    $('[data-lock-state]').hidden = mode !== 'lock';
    toggle.setAttribute('aria-pressed', String(mode === 'lock'));
    figure.dataset.mode = mode;
    for (const { program } of threads) {
      program.replaceChildren(
        ...programs[mode].map(({ label, bytecode }) => {
          const item = document.createElement('li');
          const op = Object.assign(document.createElement('span'), { className: 'scheduler-op', textContent: label });
          const code = Object.assign(document.createElement('code'), {
            className: 'scheduler-bytecode',
            textContent: bytecode,
          });
          item.append(op, ' ', code);
          return item;
        }),
      );
    }
  }

  function draw() {
    $('[data-counter]').textContent = String(state.counter);
    $('[data-holder]').textContent = state.holder === null ? 'free' : `held by ${puzzle.threadName(state.holder)}`;
    threads.forEach(({ section, program, stack, run, why }, t) => {
      const { pc } = state.threads[t];
      [...program.children].forEach((item, i) => {
        item.classList.toggle('is-done', i < pc);
        if (i === pc) item.setAttribute('aria-current', 'step');
        else item.removeAttribute('aria-current');
      });
      stack.textContent = state.threads[t].stack.length ? state.threads[t].stack.join(', ') : 'empty';
      const next = puzzle.nextStep(state, t);
      const blocked = puzzle.blocker(state, t);
      run.textContent = next ? `Run thread ${t + 1}'s next step: ${next.label}` : `Thread ${t + 1} has finished`;
      run.setAttribute('aria-disabled', String(Boolean(blocked)));
      why.textContent = blocked?.why === 'lock' ? puzzle.explainBlocker(t, blocked) : '';
      section.dataset.state = blocked ? (blocked.why === 'lock' ? 'waiting' : 'finished') : 'ready';
    });
    undoButton.setAttribute('aria-disabled', String(!moves.length));
    resetButton.setAttribute('aria-disabled', String(!moves.length));
    log.replaceChildren(
      ...state.log.map((entry) => Object.assign(document.createElement('li'), { textContent: puzzle.describe(entry) })),
    );
    log.hidden = !state.log.length;
    logEmpty.hidden = Boolean(state.log.length);
    const result = puzzle.outcome(state);
    outcomeBox.hidden = !result;
    outcomeBox.textContent = result ? puzzle.verdict(result) : '';
    outcomeBox.dataset.result = result ? (result.lost ? 'lost' : 'correct') : '';
    figure.dataset.state = result ? 'done' : moves.length ? 'playing' : 'start';
  }

  function run(t) {
    const blocked = puzzle.blocker(state, t);
    if (blocked) {
      say(
        blocked.why === 'lock'
          ? `Thread ${t + 1} cannot take the lock. ${puzzle.explainBlocker(t, blocked)}`
          : puzzle.explainBlocker(t, blocked),
      );
      return;
    }
    moves = [...moves, t];
    state = puzzle.step(state, t);
    draw();
    const entry = state.log[state.log.length - 1];
    const result = puzzle.outcome(state);
    say(
      `Step ${state.log.length}: ${puzzle.describe(entry)}.` +
        (entry.op === 'store' ? ` counter is ${state.counter}.` : ''),
      result ? puzzle.verdict(result) : '',
    );
  }

  function undo() {
    if (!moves.length) {
      say('Nothing to undo.');
      return;
    }
    const entry = state.log[state.log.length - 1];
    moves = moves.slice(0, -1);
    state = puzzle.replay(programs[mode], moves);
    draw();
    say(`Undid step ${moves.length + 1} (${puzzle.describe(entry)}). counter is ${state.counter}.`);
  }

  function reset(message = 'Reset') {
    moves = [];
    state = puzzle.start(programs[mode]);
    draw();
    say(`${message}: counter is 0 and both threads are at their first step.`);
  }

  function switchLock() {
    mode = mode === 'lock' ? 'plain' : 'lock';
    drawProgram();
    reset(mode === 'lock' ? 'With a lock' : 'Without a lock');
  }

  const actions = { run0: () => run(0), run1: () => run(1), undo, reset: () => reset(), toggle: switchLock };
  threads.forEach(({ run: button }, t) => button.addEventListener('click', () => run(t)));
  undoButton.addEventListener('click', undo);
  resetButton.addEventListener('click', () => reset());
  toggle.addEventListener('click', switchLock);
  // A click anywhere on the puzzle gives it the keys, not only a click on one of its buttons.
  figure.tabIndex = -1;
  figure.addEventListener('pointerdown', (event) => {
    if (!event.target.closest('button, a, input, select, textarea')) figure.focus({ preventScroll: true });
  });
  figure.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    const action = KEYS[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    actions[action]();
  });

  drawProgram();
  draw();
  for (const button of figure.querySelectorAll('button')) button.disabled = false;
  figure.dataset.ready = '';
}
