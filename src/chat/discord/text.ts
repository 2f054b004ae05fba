/** Nothing in a message pings anyone unless it is said here. */
export const NO_MENTIONS = { parse: [] as never[] };
