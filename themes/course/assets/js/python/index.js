// On a page whose programs run in the page (course/programs.html): shows each "Edit and run"
// button, and only when one is pressed loads the editor and runner (a bundle of its own, at the
// address in data-runner), which loads the runtime. Nothing else: this script stays tiny.
const programs = document.querySelector('.lesson-programs[data-runner]');
let runner = null;

for (const host of programs?.querySelectorAll('.program-run') ?? []) {
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
      runner ??= import(programs.dataset.runner);
      const { openRunner } = await runner;
      message.textContent = '';
      openRunner(host);
    } catch (error) {
      runner = null;
      button.disabled = false;
      message.textContent = `The editor could not load (${error.message}). Check the connection, then press the button again.`;
      message.classList.add('is-warning');
    }
  });
}
