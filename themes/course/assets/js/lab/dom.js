// Whether the learner asked for less motion: replays and redraws jump rather than glide.
export const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

// A DOM element with a class and text, the one way the lab's scripts make elements.
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
