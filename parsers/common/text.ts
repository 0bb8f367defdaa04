// Reads a line by position: blanks and digits by character code, trimmed slices, comma clauses, counter names as keys.

// Hub outputs run to tens of thousands of lines: these helpers look at character codes and cut only the strings
// a caller keeps. Loops compare the codes in place rather than call isBlank or isDigit once per character: a call
// to an imported function in a character loop slows a parse down measurably (`npm run bench:parse`).

/** A space or a tab. */
export function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** An ASCII letter. */
export function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Index of the first non-blank character of `line` at or after `from` (the line's length when the rest is blank). */
export function indentOf(line: string, from = 0): number {
  return skipBlanks(line, from, line.length);
}

/** Index of the first non-blank character at or after `at` (`end` when there is none before it). */
export function skipBlanks(text: string, at: number, end: number): number {
  while (at < end) {
    const code = text.charCodeAt(at);
    if (code !== 32 && code !== 9) break;
    at++;
  }
  return at;
}

/** Index just after the last non-blank character of text before `end` (`from` when it is all blank). */
export function trimEnd(text: string, from: number, end: number): number {
  while (end > from) {
    const code = text.charCodeAt(end - 1);
    if (code !== 32 && code !== 9) break;
    end--;
  }
  return end;
}

/** Index just after the last non-blank character of `line` (0 for a blank line). */
export function endOfText(line: string): number {
  return trimEnd(line, 0, line.length);
}

/** line[from, to) without its surrounding blanks. */
export function sliceTrimmed(line: string, from: number, to = line.length): string {
  const start = skipBlanks(line, from, to);
  return line.slice(start, trimEnd(line, start, to));
}

/** The comma-separated clauses of a line, without their surrounding spaces, empty ones left out. */
export function clauses(text: string): string[] {
  const found: string[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(',', start);
    if (end < 0) end = text.length;
    let last = end;
    while (start < last && text.charCodeAt(start) === 32) start++;
    while (last > start && text.charCodeAt(last - 1) === 32) last--;
    if (last > start) found.push(text.slice(start, last));
    start = end + 1;
  }
  return found;
}

/** `Rwatch w/o route` -> `rwatch_w_o_route`: how counter names become keys. */
export function snakeCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
