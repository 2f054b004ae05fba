// `npm start`: the compiled bot on plain node, in this one process. The build (scripts/build.mjs:
// tsc, then the bundle) runs first only when a source is newer than the last build.
import { ensureBuilt, entry } from './build.mjs';

await ensureBuilt();
// `--build-only`: the test suite builds once before its processes start the bot side by side.
if (process.argv.includes('--build-only')) process.exit(0);

const { main } = await import(entry('main'));
await main();
