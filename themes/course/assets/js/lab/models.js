// The models the lab can run, from the theme's data/lab/models.json, which the lesson pages'
// controls are rendered from too. `code` is the number of the model in lab::Model
// (wasm/runtime/lab/models.h); `backend` says which build runs it (runtime.js).
import { models } from '@params';

export const MODELS = Object.fromEntries(
  Object.entries(models).map(([name, model]) => [
    name,
    { ...model, name, laneName: (lane) => model.lane.replace('{n}', String(lane + 1)) },
  ]),
);
