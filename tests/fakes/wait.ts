/**
 * Resolves when `predicate` returns (or resolves to) something truthy, checking every 10 ms;
 * bounded in time. The default bound is for one action of the bot (about a second when idle),
 * with room for a machine whose cores other jobs share.
 */
export async function waitFor<T>(
  predicate: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 20_000,
  what = 'a condition',
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
