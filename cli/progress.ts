// Progress of a long run on stderr: a bar redrawn in place on a terminal, a count every tenth of the way otherwise
// (a log file or a CI job must not fill up with carriage returns).

const BAR_WIDTH = 30;

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class Progress {
  private done = 0;
  private lastStep = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly what: string,
  ) {
    if (stream.isTTY) this.draw();
  }

  tick(): void {
    this.done += 1;
    if (this.stream.isTTY) {
      this.draw();
      if (this.done === this.total) this.stream.write('\n');
      return;
    }
    const step = Math.floor((this.done * 10) / this.total);
    if (step > this.lastStep || this.done === this.total) {
      this.lastStep = step;
      this.stream.write(`${this.what}: ${this.done}/${this.total}\n`);
    }
  }

  private draw(): void {
    const filled = this.total === 0 ? BAR_WIDTH : Math.round((this.done / this.total) * BAR_WIDTH);
    const bar = '#'.repeat(filled) + '.'.repeat(BAR_WIDTH - filled);
    this.stream.write(`\r${this.what} [${bar}] ${this.done}/${this.total}`);
  }
}
