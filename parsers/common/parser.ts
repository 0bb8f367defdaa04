// Builds a Parser from a definition: line splitting, router refusals, capped warnings and unrecognised output.

import type { CliError, ParseOptions, ParseResult, ParseWarning } from '../../model/parse.js';
import { detectCliError } from './cli-error.js';
import { splitLines } from './lines.js';

/** Past this many, further unknown lines are counted in one closing warning instead of listed. */
const MAX_WARNINGS = 100;

/** What a parser definition writes into while it walks the lines. */
export class ParseOutput<R> {
  readonly records: R[] = [];
  readonly warnings: ParseWarning[] = [];
  private unlisted = 0;
  /** Lines not understood, listed or not. */
  misunderstood = 0;
  /** Lines recognised as belonging to this command (headers, rows, known blank structure). */
  recognized = 0;

  constructor(readonly lines: readonly string[]) {}

  /** Records that line `index` (0-based) was not understood. */
  warn(index: number, reason: string): void {
    this.misunderstood++;
    if (this.warnings.length >= MAX_WARNINGS) {
      this.unlisted++;
      return;
    }
    this.warnings.push({ line: index + 1, text: this.lines[index] ?? '', reason });
  }

  finish(): ParseWarning[] {
    if (this.unlisted > 0) {
      this.warnings.push({
        line: this.lines.length,
        text: '',
        reason: `${this.unlisted} more lines not understood (only the first ${MAX_WARNINGS} are listed)`,
      });
    }
    return this.warnings;
  }
}

export interface ParserDefinition<R> {
  /** Canonical command, e.g. `show ip nhrp nhs detail`. */
  command: string;
  /**
   * Every command line this parser reads, keywords in full and `<name>` for an argument, e.g.
   * `show crypto ipsec sa peer <address> detail`. The registry matches abbreviations against these.
   */
  syntax: string[];
  /** True when a text without its command line looks like this command's output (its headers, legend). */
  detect?: (text: string) => boolean;
  parse(out: ParseOutput<R>, options: ParseOptions): void;
}

export interface Parser<R = unknown> {
  command: string;
  syntax: readonly string[];
  detect?: (text: string) => boolean;
  parse(text: string, options?: ParseOptions): ParseResult<R>;
}

export function defineParser<R>(definition: ParserDefinition<R>): Parser<R> {
  return {
    command: definition.command,
    syntax: definition.syntax,
    detect: definition.detect,
    parse(text: string, options: ParseOptions = {}): ParseResult<R> {
      const lines = splitLines(text);
      const refusal = detectCliError(lines);
      if (refusal) return { command: definition.command, records: [], warnings: [], error: refusal };
      const out = new ParseOutput<R>(lines);
      definition.parse(out, options);
      const warnings = out.finish();
      const result: ParseResult<R> = { command: definition.command, records: out.records, warnings };
      const error = unrecognized(definition.command, out, options);
      if (error) result.error = error;
      return result;
    },
  };
}

/**
 * Output that gave no record and whose lines are mostly not understood is not this command's output, and says so
 * once (a stray line of garbage that happens to look like a header does not make it so).
 */
function unrecognized<R>(command: string, out: ParseOutput<R>, options: ParseOptions): CliError | undefined {
  if (options.filtered || out.records.length > 0 || out.misunderstood === 0) return undefined;
  if (out.recognized >= out.misunderstood) return undefined;
  const first = out.warnings[0]!;
  return {
    kind: 'not-recognized',
    line: first.line,
    text: first.text,
    message: `this text does not look like \`${command}\` output (${out.misunderstood} lines not understood, ${out.recognized} understood)`,
  };
}
