// Reads one line left to right, word by word and number by number, without splitting it into words first.

// Local on purpose: an imported function called once per character slows the hub parses measurably.
const isSpace = (code: number): boolean => code === 32 || code === 9;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Reads one line left to right without splitting it into words: on long outputs, splitting every line costs more
 * than the rest of the parse.
 */
export class LineCursor {
  at: number;

  constructor(
    readonly text: string,
    start = 0,
  ) {
    this.at = start;
  }

  /** True when only spaces are left. */
  get done(): boolean {
    this.skipSpaces();
    return this.at >= this.text.length;
  }

  skipSpaces(): void {
    while (this.at < this.text.length && isSpace(this.text.charCodeAt(this.at))) this.at++;
  }

  /** The next run of non-space characters ('' at the end of the line). */
  word(): string {
    this.skipSpaces();
    const start = this.at;
    while (this.at < this.text.length && !isSpace(this.text.charCodeAt(this.at))) this.at++;
    return this.text.slice(start, this.at);
  }

  /** Moves past `literal` when the line goes on with it (after spaces). */
  take(literal: string): boolean {
    this.skipSpaces();
    if (!this.text.startsWith(literal, this.at)) return false;
    this.at += literal.length;
    return true;
  }

  /** The next run of digits as a number, or undefined (and no move) when the line goes on with something else. */
  count(): number | undefined {
    this.skipSpaces();
    let value = 0;
    let end = this.at;
    while (end < this.text.length && isDigit(this.text.charCodeAt(end))) {
      value = value * 10 + this.text.charCodeAt(end) - 48;
      end++;
    }
    if (end === this.at) return undefined;
    this.at = end;
    return value;
  }

  /** The text up to the next digit, without its surrounding spaces: the name in `69 Resolution Request  73 ...`. */
  textBeforeDigit(): string {
    this.skipSpaces();
    const start = this.at;
    while (this.at < this.text.length && !isDigit(this.text.charCodeAt(this.at))) this.at++;
    let end = this.at;
    while (end > start && isSpace(this.text.charCodeAt(end - 1))) end--;
    return this.text.slice(start, end);
  }

  /** The text up to `stop` (not included, spaces before it dropped), moving past `stop`; undefined if absent. */
  textUntil(stop: string): string | undefined {
    const index = this.text.indexOf(stop, this.at);
    if (index < 0) return undefined;
    let end = index;
    while (end > this.at && isSpace(this.text.charCodeAt(end - 1))) end--;
    const text = this.text.slice(this.at, end);
    this.at = index + stop.length;
    return text;
  }
}
