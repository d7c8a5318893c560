// Starts every live demo on the page.
import { mountDemo } from './demo.js';

for (const figure of document.querySelectorAll('figure.lab[data-lab]')) mountDemo(figure);
