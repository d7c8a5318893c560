// The course's lessons, read from the outline (site/data/outline.toml) and their bundles in
// content/: for the tests to walk.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readOutline } from '../../themes/course/tools/outline.mjs';

// Slides are separated by lines holding only "---" (themes/course/layouts/partials/player/slides.html).
export const countSlides = (markdown) => markdown.split(/^---[ \t]*\r?$/m).filter((slide) => slide.trim()).length;

// The whole outline in order, lessons to come included: { number, lesson | soon }.
export const outline = () => readOutline();

// Every lesson that exists, in outline order.
export function lessons() {
  return outline()
    .filter(({ lesson }) => lesson)
    .map(({ number, lesson }) => {
      const read = (file) => readFileSync(path.join('content/lessons', lesson, file), 'utf8');
      return { number, slug: lesson, page: `/lessons/${lesson}/`, slides: countSlides(read('slides.md')) };
    });
}
