// A traceback as the console shows it: the learner's frames (`File "<their file>", line N`) become
// buttons that move the editor's cursor to that line.
import { element } from '../lab/dom.js';

const FRAME = /File "([^"]+)", line (\d+)/g;

export function traceback(text, file, onLine) {
  const block = element('span', 'is-traceback');
  for (const [i, line] of text.replace(/\n$/, '').split('\n').entries()) {
    if (i > 0) block.append('\n');
    let from = 0;
    for (const match of line.matchAll(FRAME)) {
      if (match[1] !== file) continue;
      block.append(line.slice(from, match.index));
      const number = Number(match[2]);
      const link = element('button', 'program-line-link', match[0]);
      link.type = 'button';
      link.title = `Go to line ${number} in the editor`;
      link.addEventListener('click', () => onLine(number));
      block.append(link);
      from = match.index + match[0].length;
    }
    block.append(line.slice(from));
  }
  block.append('\n');
  return block;
}

// The line of the learner's file nearest the error: the traceback's last frame in it.
export function lastLine(text, file) {
  const lines = [...(text ?? '').matchAll(FRAME)].filter((match) => match[1] === file);
  return lines.length ? Number(lines.at(-1)[2]) : null;
}
