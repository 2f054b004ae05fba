#!/usr/bin/env node
// `npm run drill -- <command>`: the `drill` command line from the build, on plain node (built
// first when a source is newer, as for `npm start`).
import { ensureBuilt, entry } from './build.mjs';

await ensureBuilt();
const { runFromProcess } = await import(entry('cli'));
await runFromProcess();
