// Text helpers shared by the NHS, NHRP traffic and NHRP stats parsers (candidates for parsers/common).

const TUNNEL_ABBREVIATION = /^tu(?:n(?:n(?:e(?:l)?)?)?)?(\d[\d/.:]*)$/i;
const COMMAND_ECHO = /^(?:[A-Za-z][\w.-]*[#>]\s*)?show\s/;

/** `Tu0`, `tunnel0` -> `Tunnel0`, the way IOS headers write it; other names stay as given. */
export function fullInterfaceName(name: string): string {
  const tunnel = TUNNEL_ABBREVIATION.exec(name);
  return tunnel ? `Tunnel${tunnel[1]}` : name;
}

/** The interface a command line named (`... Tunnel0`, `... tunnel 100`), or null when it named none. */
export function interfaceFromArgs(args: readonly string[] | undefined): string | null {
  return args && args.length > 0 ? fullInterfaceName(args.join('')) : null;
}

/** The command line echoed at the top of a capture (`show ip nhrp nhs detail`, `hub#show ...`). */
export function isCommandEcho(text: string): boolean {
  return COMMAND_ECHO.test(text);
}

/** `Rwatch w/o route` -> `rwatch_w_o_route`: how counter names become keys. */
export function snakeCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

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

/** Index of the first non-space character of `line` (its length when blank). */
export function indentOf(line: string): number {
  let at = 0;
  while (at < line.length && isSpace(line.charCodeAt(at))) at++;
  return at;
}
