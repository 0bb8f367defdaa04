// IOS's ` --More-- ` pager: a screen of output at a time while `terminal length` is not 0.

/** What IOS prints at the bottom of a full screen, and how it wipes it once a key is pressed. */
export const MORE_PROMPT = ' --More-- ';
export const MORE_ERASE = `${'\b'.repeat(9)}${' '.repeat(8)}${'\b'.repeat(9)}`;

export type PagerStep = { text: string; done: boolean };

export class Pager {
  private next = 0;

  /** `lines` without their line ends; `length` is the terminal length (the --More-- line takes one row). */
  constructor(
    private readonly lines: readonly string[],
    private readonly length: number,
  ) {}

  /** Whether the output fits without the pager. */
  static fits(lines: readonly string[], length: number): boolean {
    return length === 0 || lines.length < length;
  }

  /** The first screen. */
  start(): PagerStep {
    return this.show(this.length - 1);
  }

  /** Space: the next screen; Enter: one more line; any other key (q): the rest is dropped. */
  key(key: string): PagerStep {
    if (key === ' ') return this.erased(this.show(this.length - 1));
    if (key === '\r' || key === '\n') return this.erased(this.show(1));
    return { text: MORE_ERASE, done: true };
  }

  private erased(step: PagerStep): PagerStep {
    return { text: MORE_ERASE + step.text, done: step.done };
  }

  private show(count: number): PagerStep {
    const page = this.lines.slice(this.next, this.next + count);
    this.next += page.length;
    const text = page.map((line) => `${line}\r\n`).join('');
    const done = this.next >= this.lines.length;
    return { text: done ? text : text + MORE_PROMPT, done };
  }
}
