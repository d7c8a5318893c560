// Plays every "Be the scheduler" puzzle on the page (partials/lab/scheduler.html).
import { mountPuzzle } from './view.js';

for (const figure of document.querySelectorAll('figure[data-scheduler]')) mountPuzzle(figure);
