// The learner's progress as this browser keeps it (js/site/storage.js), read without side effects:
// progress.js shows and updates it; offline.js learns from it which lessons were opened. Other
// bundles import this file too (js.Build copies it into each), so it holds no state of its own.
import { getSetting } from './storage.js';

export const PROGRESS_KEY = 'course-progress';

// { lessons: { [slug]: { ran, heard, answered, solved, done, marked, exercises: { [id]: true } } },
//   last: { lesson, t } | null }.
// A lesson that has an entry was opened in this browser (progress.js adds it on opening).
export function loadProgress() {
  let saved = null;
  try {
    saved = JSON.parse(getSetting(PROGRESS_KEY) ?? 'null');
  } catch {
    // Unreadable (edited by hand, another version): start again rather than fail the page.
  }
  const lessons = saved?.lessons && typeof saved.lessons === 'object' ? saved.lessons : {};
  const last =
    typeof saved?.last?.lesson === 'string' ? { lesson: saved.last.lesson, t: Number(saved.last.t) || 0 } : null;
  return { lessons, last };
}
