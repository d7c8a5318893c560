// Settings kept in the browser's localStorage, or, where the site may not use it (site data
// blocked, some private windows) or it is full, only in this page's memory. Then the page says
// once, in the note every page has (layouts/_default/baseof.html), that settings will not be
// kept. Every script that remembers something goes through here.
const memory = new Map();

function noteNotKept() {
  const note = document.querySelector('[data-storage-note]');
  if (note) note.hidden = false;
}

export function getSetting(key) {
  if (memory.has(key)) return memory.get(key);
  try {
    return window.localStorage.getItem(key); // reading window.localStorage itself may throw
  } catch {
    noteNotKept();
    return null;
  }
}

export function setSetting(key, value) {
  memory.set(key, value);
  try {
    window.localStorage.setItem(key, value);
  } catch {
    noteNotKept();
  }
}
