// The scripts of every page: outline, progress, theme, keys, search.
import './search.js';
import './handout.js';
