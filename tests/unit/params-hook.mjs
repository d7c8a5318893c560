// Lets node import the page's modules that read js.Build's '@params' (the lab's event codes,
// models and words): '@params' resolves to a module made from the same declarations that
// themes/course/layouts/partials/lab/params.html hands to js.Build.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

const ROOT = new URL('../../', import.meta.url);
const SPECIFIER = 'course:params';

export async function resolve(specifier, context, next) {
  if (specifier === '@params') return { url: SPECIFIER, shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url !== SPECIFIER) return next(url, context);
  const read = (path) => readFileSync(new URL(path, ROOT), 'utf8');
  const events = Object.fromEntries(
    Object.entries(JSON.parse(read('wasm/runtime/lab/events.json'))).map(([name, e]) => [name, e.code]),
  );
  const models = Object.fromEntries(
    Object.entries(JSON.parse(read('wasm/runtime/lab/models.json'))).map(([name, m]) => [name, { ...m, about: '' }]),
  );
  const { bytes, offsets } = JSON.parse(read('wasm/runtime/lab/event_layout.json'));
  const terms = parse(read('wasm/runtime/lab/terms.toml'));
  const params = { events, models, event_layout: { bytes, offsets }, terms };
  const source = `${Object.entries(params)
    .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
    .join(' ')} export default ${JSON.stringify(params)};`;
  return { format: 'module', source, shortCircuit: true };
}
