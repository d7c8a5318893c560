// node --import ./tests/unit/register.mjs --test tests/unit/: the hook above, before the tests.
import { register } from 'node:module';

register('./params-hook.mjs', import.meta.url);
