// Shares one copy of the strings an output repeats (facility names, interfaces, peer addresses) between records.

/**
 * A log repeats the same facility and mnemonic names, interfaces and peer addresses: records share one copy of
 * each, which keeps a parse of a big buffer from holding (and the garbage collector from moving) new strings per
 * message. Bounded, so a long-running receiver does not grow it without end.
 */
const INTERNED = new Map<string, string>();
const MAX_INTERNED = 10_000;

/** The shared copy of `text` (`text` itself the first time it is seen, or once the table is full). */
export function intern(text: string): string {
  const known = INTERNED.get(text);
  if (known !== undefined) return known;
  if (INTERNED.size < MAX_INTERNED) INTERNED.set(text, text);
  return text;
}
