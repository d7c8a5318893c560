// The theme picker in the header: auto (the system's), light or dark, remembered. The colours
// themselves are CSS (light-dark() in course.css); this only sets data-theme on <html>.
import { getSetting, setSetting } from './storage.js';

export const THEME_KEY = 'course-theme'; // read before the first paint by first-paint.js too

const picker = document.querySelector('select[name="theme"]');
if (picker) {
  const saved = getSetting(THEME_KEY);
  picker.value = saved === 'light' || saved === 'dark' ? saved : 'auto';
  picker.addEventListener('change', () => {
    const theme = picker.value;
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    setSetting(THEME_KEY, theme);
  });
}
