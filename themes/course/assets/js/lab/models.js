// The models the runtime can run, keyed by the names used in demo.json. `code` is the number
// of the same model in lab::Model (wasm/runtime/lab/models.h).
export const MODELS = {
  sequential: { code: 0, label: 'One after another', lane: () => 'main thread' },
  threads: { code: 1, label: 'Thread pool', lane: (n) => `thread ${n + 1}` },
};
