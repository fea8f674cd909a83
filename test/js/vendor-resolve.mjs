// Importing this module first (then the SPA modules with a dynamic import()) lets Node resolve the
// '/vendor/…' imports the browser gets from the server; see vendor-hooks.mjs.
import { register } from 'node:module';

register('./vendor-hooks.mjs', import.meta.url);
