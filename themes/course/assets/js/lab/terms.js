// The words the lab's pages use for what its models stand for in the course's language, declared
// with the lab (wasm/runtime/lab/terms.toml); a course gives its own in data/lab/wording.toml,
// under [terms]. Only the pages' words come from here: the states themselves are the lab's.
import { terms } from '@params';

export const TERMS = terms;

// The lock a runtime may hold over all its threads at once, in a sentence and on a lane's badge.
export const globalLock = terms.global_lock;
export const globalLockShort = terms.global_lock_short;

// What an event loop's own warning of a slow step would say of lab task `id`: the lab's task 0 is
// number `slow_step_first_task` in that message.
export const slowStepMessage = (id, ms) => terms.slow_step_message
  .replace('{task}', String(id + terms.slow_step_first_task))
  .replace('{seconds}', (ms / 1000).toFixed(3));
