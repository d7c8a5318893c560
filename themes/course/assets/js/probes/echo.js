// The tiny worker of the round-trip probe (browser.js): it answers every message at once.
self.onmessage = ({ data }) => self.postMessage(data);
