// Starts every live demo on a page that has no matrix of runs (index.js starts both): the matrix's
// code stays off the pages that do not show one.
import { mountDemo } from './demo.js';

for (const figure of document.querySelectorAll('figure.lab[data-lab]')) mountDemo(figure);
