// The scripts of every page: theme, outline, progress, keys and help, search, handout.
import './theme.js';
import './outline.js';
import './progress.js';
import './navigation.js';
import './search.js';
import './handout.js';
