// Groups a table of entries keyed by leading words by the words' first character, so a line is compared with few keys.

/** The entries by the character code their key starts with (`groups[line.charCodeAt(start)]`). */
export function groupByFirstChar<E extends readonly [string, unknown]>(entries: readonly E[]): E[][] {
  const groups: E[][] = [];
  for (const entry of entries) (groups[entry[0].charCodeAt(0)] ??= []).push(entry);
  return groups;
}
