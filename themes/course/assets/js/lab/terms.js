// The words the lab's pages use for what its models stand for in the course's language, declared
// with the lab (wasm/runtime/lab/terms.toml); a course gives its own in data/lab/wording.toml,
// under [terms]. Only the pages' words come from here: the states themselves are the lab's.
import { terms } from '@params';

export const TERMS = terms;

// The lock a runtime may hold over all its threads at once, in a sentence and on a lane's badge.
export const globalLock = terms.global_lock;
export const globalLockShort = terms.global_lock_short;

// What an event loop's own warning of a slow step would say of lab task `id`: the lab's task 0 is
// number `first` in that message (`slow_step_first_task`; a learner's own program, whose task 0 is
// its main coroutine, counts from 1).
export const slowStepMessage = (id, ms, first = terms.slow_step_first_task) =>
  terms.slow_step_message.replace('{task}', String(id + first)).replace('{seconds}', (ms / 1000).toFixed(3));
