import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Distinct statement texts that get a name. drizzle writes one text per query shape, so a
 * process has a few hundred; a list of varying length (`in ($1, $2, …)`) makes one text per
 * length, and past this many texts the rest run unnamed rather than filling the server's memory.
 */
const NAMED_TEXTS = 2000;
const names = new Map<string, string>();

/** The statement name for a text: the same on every connection and in every process. */
function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < NAMED_TEXTS) {
    name = `drill_${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A pg client that prepares each statement with parameters once per connection: the first run
 * of a text parses and plans it under a name derived from the text, and later runs only bind
 * and execute it (node-postgres keeps the names a connection has prepared). Statements without
 * parameters (BEGIN, COMMIT, migrations) keep the simple protocol, which also allows several
 * commands in one text.
 */
export class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: the same overloads as pg.Client's query
  override query(...args: any[]): any {
    const [config, values] = args as [pg.QueryConfig | string | undefined, unknown];
    if (typeof config === 'object' && typeof config.text === 'string' && !config.name) {
      const params = Array.isArray(values) ? values : config.values;
      const name = params && params.length > 0 ? nameOf(config.text) : undefined;
      if (name) args[0] = { ...config, name };
    }
    return (super.query as (...a: unknown[]) => unknown)(...args);
  }
}
