// Starts every live demo (demos.js) and every matrix of runs, on a page that shows a matrix.
import './demos.js';
import { mountMatrix } from './matrix.js';

for (const figure of document.querySelectorAll('figure.lab[data-matrix]')) mountMatrix(figure);
