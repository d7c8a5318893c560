// Starts the test server (serve.mjs) as its own process, for a script or a test that needs one of
// its own: resolves with the process once it listens, rejects if it exits first. `args` are
// serve.mjs's flags after the port; `cwd` is where it finds public/ (or --root).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('./serve.mjs', import.meta.url));

export async function startServer(port, { args = [], cwd } = {}) {
  const server = spawn(process.execPath, [SERVE, String(port), ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.once('data', resolve);
    server.once('exit', (code) => reject(new Error(`tests/support/serve.mjs exited (${code})`)));
  });
  return server;
}
