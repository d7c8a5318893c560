// On a page whose programs run in the page (course/programs.html), or whose exercises are checked
// in it (exercises/exercises.html): shows each "Edit and run" or "Edit and check here" button, and only when one is pressed loads the editor and runner (a bundle of its own, at the
// address in data-runner) and, at the same time, starts the runtime's worker (start.js), which the
// runner takes over. Nothing else: this script stays tiny.
import { pageRuntime, startRuntime } from './start.js';

// The runner's address: on the programs' list or the exercises' section, whichever has it.
const runnerAddress = document.querySelector('[data-runner]')?.dataset.runner;
let runner = null;
let runtime = null; // the worker started at the first press, until the runner takes it over

for (const host of runnerAddress ? document.querySelectorAll('.program-run') : []) {
  const button = host.querySelector('button');
  const message = document.createElement('p');
  message.className = 'lab-message';
  message.setAttribute('role', 'status');
  host.append(message);
  host.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    message.textContent = 'Loading the editor…';
    try {
      // The runtime and the editor take a while each (seconds, the first time): both load at once.
      // Where the worker cannot start here, the runner says why, as it tries again.
      if (!runner && !runtime) {
        const config = pageRuntime();
        try {
          runtime = config && startRuntime(config);
        } catch {
          runtime = null;
        }
      }
      runner ??= import(runnerAddress);
      const { openRunner } = await runner;
      message.textContent = '';
      openRunner(host, runtime);
      runtime = null;
    } catch (error) {
      runner = null;
      button.disabled = false;
      message.textContent = `The editor could not load (${error.message}). Check the connection, then press the button again.`;
      message.classList.add('is-warning');
    }
  });
}
