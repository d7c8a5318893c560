// Starts every live demo and matrix of runs on a page that shows a matrix (demos.js, elsewhere).
import { mountDemo } from './demo.js';
import { mountMatrix } from './matrix.js';

for (const figure of document.querySelectorAll('figure.lab[data-lab]')) mountDemo(figure);
for (const figure of document.querySelectorAll('figure.lab[data-matrix]')) mountMatrix(figure);
