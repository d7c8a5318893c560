// Starts the lesson player on the page.
import { mountPlayer } from './player.js';

for (const root of document.querySelectorAll('[data-player]')) mountPlayer(root);
