// The learner's progress, kept in this browser (js/site/storage.js: in the page's memory only
// where storage is blocked, and the page says so).
//
// A lesson is complete when the learner has run one of its demos (or it has none), and has either
// reached the end of its transcript, answered every knowledge check right or solved one of its
// exercises; or has marked it complete by hand. This script learns all that from the page itself,
// so the widgets, the player and the checks need not know about progress:
//   - a demo was run: its figure.lab's data-state became "running" or "done" (every widget sets it);
//   - the transcript's end: its last paragraph became current (aria-current, set by the player),
//     or the learner scrolled the transcript to its end;
//   - a check answered right: its form's data-answered became "right" (js/checks.js);
//   - an exercise solved: its check in the page passed (data-checked became "pass", set by
//     js/python/runner.js), or the learner pressed its "Mark as solved" (kept per exercise, by id).
// Every page shows the marks in the outline; the course page offers Start or Resume, and Reset.
import { PROGRESS_KEY, loadProgress as load } from './saved-progress.js';
import { setSetting } from './storage.js';

const STEPS = ['ran', 'heard', 'answered', 'solved'];

let progress = load();
const save = () => setSetting(PROGRESS_KEY, JSON.stringify(progress));
const lessonState = (slug) => (progress.lessons[slug] ??= {});
export const isComplete = (slug) => Boolean(progress.lessons[slug]?.done || progress.lessons[slug]?.marked);

const stamp = (t) => `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;

// The marks of every outline on the page (the sidebar, the course page's list), the summaries,
// and the course page's Start/Resume and Reset.
function render() {
  const entries = [...document.querySelectorAll('#outline li[data-lesson]')];
  const done = entries.filter((item) => isComplete(item.dataset.lesson)).length;
  for (const item of document.querySelectorAll('li[data-lesson]')) {
    const complete = isComplete(item.dataset.lesson);
    item.classList.toggle('is-done', complete);
    const mark = item.querySelector('[data-progress-mark]');
    if (mark) mark.textContent = complete ? 'completed' : '';
  }
  // Exercises solved, of those the outline lists now (an exercise since removed does not count).
  const exercises = entries.flatMap((item) =>
    (item.dataset.exercises ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => [item.dataset.lesson, id]),
  );
  const solved = exercises.filter(([slug, id]) => progress.lessons[slug]?.exercises?.[id]).length;
  for (const summary of document.querySelectorAll('[data-progress-summary]')) {
    const lessons = entries.length ? `${done} of ${entries.length} lessons complete` : '';
    summary.textContent =
      lessons && exercises.length ? `${lessons}, ${solved} of ${exercises.length} exercises solved` : lessons;
  }
  renderCourse(entries, done);
}

function renderCourse(entries, done) {
  const panel = document.querySelector('[data-course-progress]');
  if (!panel) return;
  const bar = panel.querySelector('[data-progress-bar]');
  const resume = panel.querySelector('[data-resume]');
  const reset = panel.querySelector('[data-action="reset-progress"]');
  const started = done > 0 || progress.last !== null;
  bar.hidden = !started;
  bar.max = entries.length;
  bar.value = done;
  reset.hidden = !started;
  const hrefOf = (item) => item?.querySelector('a')?.getAttribute('href');
  const first = hrefOf(entries[0]);
  resume.dataset.default ??= resume.textContent;
  if (!started || !first) {
    resume.textContent = resume.dataset.default;
    if (first) resume.setAttribute('href', first);
    return;
  }
  // Back to the lesson and the moment the learner left, unless that lesson is done: then the
  // first lesson not done after it, in course order.
  const lastIndex = entries.findIndex((item) => item.dataset.lesson === progress.last?.lesson);
  if (lastIndex >= 0 && !isComplete(progress.last.lesson)) {
    resume.setAttribute(
      'href',
      hrefOf(entries[lastIndex]) + (progress.last.t > 0 ? `#t=${stamp(progress.last.t)}` : ''),
    );
    resume.textContent = `Resume where you left off: ${entries[lastIndex].querySelector('.outline-name').textContent}`;
    return;
  }
  const order = [...entries.slice(lastIndex + 1), ...entries.slice(0, lastIndex + 1)];
  const next = order.find((item) => !isComplete(item.dataset.lesson));
  if (next) {
    resume.setAttribute('href', hrefOf(next));
    resume.textContent = `Continue with ${next.querySelector('.outline-name').textContent}`;
  } else {
    resume.setAttribute('href', first);
    resume.textContent = 'Review the course from the start';
  }
}

function mountCourse(panel) {
  const reset = panel.querySelector('[data-action="reset-progress"]');
  const confirm = panel.querySelector('[data-reset-confirm]');
  reset.addEventListener('click', () => {
    confirm.hidden = false;
    confirm.querySelector('[data-action="reset-cancelled"]').focus();
  });
  confirm.querySelector('[data-action="reset-cancelled"]').addEventListener('click', () => {
    confirm.hidden = true;
    reset.focus();
  });
  confirm.querySelector('[data-action="reset-confirmed"]').addEventListener('click', () => {
    progress = { lessons: {}, last: null };
    save();
    confirm.hidden = true;
    render();
    panel.querySelector('[data-resume]').focus();
  });
}

// A lesson page: watch what the learner does, tick the steps, and keep where they are.
function mountLesson(article) {
  const slug = article.dataset.lesson;
  const box = article.querySelector('[data-lesson-progress]');
  const demos = [...article.querySelectorAll('figure.lab')];
  const checks = [...article.querySelectorAll('form[data-check]')];
  const paragraphs = [...article.querySelectorAll('.transcript li')];
  const transcript = article.querySelector('.transcript');
  const markButton = box.querySelector('[data-action="mark-complete"]');
  const stateText = box.querySelector('[data-progress-state]');
  const solved = new Set();
  const exercises = [...article.querySelectorAll('article.exercise[data-exercise]')];

  if (!demos.length) box.querySelector('[data-step="ran"]')?.remove();

  const update = () => {
    const state = lessonState(slug);
    const ran = state.ran || !demos.length;
    state.solved = exercises.some((exercise) => state.exercises?.[exercise.dataset.exercise]);
    state.done = Boolean(ran && (state.heard || state.answered || state.solved));
    for (const exercise of exercises) {
      const solvedIt = Boolean(state.exercises?.[exercise.dataset.exercise]);
      exercise.classList.toggle('is-solved', solvedIt);
      const button = exercise.querySelector('[data-action="mark-solved"]');
      button.textContent = solvedIt ? 'Solved: mark as not solved' : 'Mark as solved';
      button.setAttribute('aria-pressed', String(solvedIt));
    }
    for (const step of STEPS) {
      const item = box.querySelector(`[data-step="${step}"]`);
      if (!item) continue;
      item.classList.toggle('is-done', Boolean(state[step]));
      let note = item.querySelector('.visually-hidden');
      if (!note) item.append((note = Object.assign(document.createElement('span'), { className: 'visually-hidden' })));
      note.textContent = state[step] ? ' (done)' : '';
    }
    const complete = isComplete(slug);
    markButton.textContent = complete ? 'Mark as not complete' : 'Mark as complete';
    markButton.setAttribute('aria-pressed', String(complete));
    box.classList.toggle('is-done', complete);
    stateText.textContent = complete
      ? state.marked && !state.done
        ? 'You marked this lesson complete.'
        : 'You have completed this lesson.'
      : stateText.dataset.rule;
    save();
    render();
  };
  stateText.dataset.rule = stateText.textContent;

  const did = (step) => {
    const state = lessonState(slug);
    if (state[step]) return;
    state[step] = true;
    update();
  };

  for (const exercise of exercises) {
    exercise.querySelector('[data-action="mark-solved"]').addEventListener('click', () => {
      const state = lessonState(slug);
      const id = exercise.dataset.exercise;
      state.exercises = { ...state.exercises, [id]: !state.exercises?.[id] };
      if (!state.exercises[id]) delete state.exercises[id];
      update();
      exercise.querySelector('[data-solved-state]').textContent = state.exercises[id]
        ? 'Marked as solved.'
        : 'Marked as not solved.';
    });
  }

  markButton.addEventListener('click', () => {
    // Not complete after all: forget what counted, so the steps start again.
    // The exercises solved stay solved.
    if (isComplete(slug))
      progress.lessons[slug] = progress.lessons[slug].exercises ? { exercises: progress.lessons[slug].exercises } : {};
    else lessonState(slug).marked = true;
    update();
  });

  new MutationObserver(() => {
    if (demos.some((figure) => figure.dataset.state === 'running' || figure.dataset.state === 'done')) did('ran');
  }).observe(article, { subtree: true, attributeFilter: ['data-state'] });

  // An exercise checked in the page and passed is solved (js/python/runner.js sets data-checked).
  new MutationObserver(() => {
    const state = lessonState(slug);
    const passed = exercises.filter(
      (exercise) => exercise.dataset.checked === 'pass' && !state.exercises?.[exercise.dataset.exercise],
    );
    if (!passed.length) return;
    state.exercises = {
      ...state.exercises,
      ...Object.fromEntries(passed.map((exercise) => [exercise.dataset.exercise, true])),
    };
    update();
  }).observe(article, { subtree: true, attributeFilter: ['data-checked'] });

  new MutationObserver(() => {
    for (const [i, form] of checks.entries()) if (form.dataset.answered === 'right') solved.add(i);
    if (checks.length && solved.size === checks.length) did('answered');
  }).observe(article, { subtree: true, attributeFilter: ['data-answered'] });

  // The player shows the first paragraph when a lesson opens: that is not the learner moving, and
  // must not forget where they had stopped. Anything they do, or a #t= address, is.
  let moved = false;
  for (const type of ['pointerdown', 'keydown'])
    document.addEventListener(
      type,
      () => {
        moved = true;
      },
      { capture: true, once: true },
    );
  const atParagraph = () => {
    const current = paragraphs.findIndex((item) => item.getAttribute('aria-current') === 'true');
    if (current < 0) return;
    const t = Number(paragraphs[current].dataset.t) || 0;
    if (!moved && t === 0 && progress.last?.lesson === slug) return;
    progress.last = { lesson: slug, t };
    save();
    if (current === paragraphs.length - 1) did('heard');
  };
  if (paragraphs.length) {
    new MutationObserver(atParagraph).observe(transcript, { subtree: true, attributeFilter: ['aria-current'] });
    transcript.addEventListener(
      'scroll',
      () => {
        if (transcript.scrollTop + transcript.clientHeight >= transcript.scrollHeight - 4) did('heard');
      },
      { passive: true },
    );
  }
  // Opening a lesson is where to come back to, at the start until the player moves.
  if (progress.last?.lesson !== slug) progress.last = { lesson: slug, t: 0 };
  atParagraph();
  update();
}

const lesson = document.querySelector('article.lesson[data-lesson]');
if (lesson?.querySelector('[data-lesson-progress]')) mountLesson(lesson);
const coursePanel = document.querySelector('[data-course-progress]');
if (coursePanel) mountCourse(coursePanel);
render();

// Another tab finished a lesson: show it here too.
window.addEventListener('storage', (event) => {
  if (event.key !== PROGRESS_KEY) return;
  progress = load();
  render();
});
