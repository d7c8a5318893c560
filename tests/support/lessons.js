// The course's lessons, read from content/ the way the site declares them: for the tests to walk.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

// Slides are separated by lines holding only "---" (themes/course/layouts/partials/player/slides.html).
export const countSlides = (markdown) =>
  markdown.split(/^---[ \t]*\r?$/m).filter((slide) => slide.trim()).length;

// Every lesson, in course order (by the weight in its front matter).
export function lessons() {
  const root = 'content/lessons';
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, 'slides.md')))
    .map((entry) => {
      const read = (file) => readFileSync(path.join(root, entry.name, file), 'utf8');
      return {
        slug: entry.name,
        page: `/lessons/${entry.name}/`,
        weight: Number(/^weight:\s*(\d+)/m.exec(read('index.md'))?.[1] ?? 0),
        slides: countSlides(read('slides.md')),
      };
    })
    .sort((a, b) => a.weight - b.weight);
}
