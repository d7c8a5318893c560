// The models the lab can run, declared in wasm/runtime/lab/models.json, which the lesson pages'
// controls and the C++ runtime are made from too. `code` is the model's number in lab::Model;
// `backend` says which build runs it (runtime.js); `lanes` is one, or one per worker.
import { models } from '@params';

export const MODELS = Object.fromEntries(
  Object.entries(models).map(([name, model]) => [
    name,
    { ...model, name, laneName: (lane) => model.lane.replace('{n}', String(lane + 1)) },
  ]),
);

// A model's label inside a sentence: "vs free-threaded threads"; only its first letter changes.
export const inSentence = (label) => label.charAt(0).toLowerCase() + label.slice(1);

// The lab's well-known parameters: those some model uses (`uses`). A demo's own parameters (its
// tasks, latency…) matter to every model; a well-known one only to the models that use it.
export const WELL_KNOWN = new Set(Object.values(models).flatMap((model) => model.uses));

export const concerns = (model, name) => !WELL_KNOWN.has(name) || model.uses.includes(name);
