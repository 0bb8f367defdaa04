// Counts the lines that belong to nothing because a filter (`| include`) cut their header, to warn about them once.

/** Where the closing warning goes: a ParseOutput. */
interface WarningSink {
  warn(index: number, reason: string): void;
}

/** Lines understood but belonging to no record: one warning for all of them, at the first, instead of one each. */
export class StrayLines {
  private first = -1;
  private count = 0;

  /** Line `index` (0-based) belongs to nothing. */
  add(index: number): void {
    if (this.count++ === 0) this.first = index;
  }

  /** Warns once, at the first stray line, with what `describe` says of their number; nothing when there were none. */
  warnOnce(out: WarningSink, describe: (count: number) => string): void {
    if (this.count > 0) out.warn(this.first, describe(this.count));
  }
}
