// Collects what a shell channel prints and hands it over piece by piece: up to the next match of a pattern.

import type { Readable } from 'node:stream';

interface Waiter {
  pattern: RegExp;
  resolve(text: string): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class PromptReader {
  private buffer = '';
  private waiter: Waiter | null = null;
  private ended: Error | null = null;

  constructor(
    stream: Readable,
    /** Called for every chunk before matching, e.g. to answer a pager. */
    private readonly onChunk: (buffer: string) => string = (buffer) => buffer,
    /** What a read waiting when the stream closes fails with. */
    closedError: () => Error = () => new Error('the router closed the session'),
  ) {
    stream.on('data', (chunk: Buffer) => {
      this.buffer = this.onChunk(this.buffer + chunk.toString('utf8'));
      this.check();
    });
    stream.on('close', () => this.end(closedError()));
  }

  end(error: Error): void {
    this.ended ??= error;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      clearTimeout(waiter.timer);
      waiter.reject(this.ended);
    }
  }

  /** Resolves with everything up to and including the first match of `pattern` (which must not be global). */
  until(pattern: RegExp, timeoutMs: number, onTimeout: () => Error): Promise<string> {
    if (this.waiter) return Promise.reject(new Error('a read is already waiting'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(onTimeout());
      }, timeoutMs);
      this.waiter = { pattern, resolve, reject, timer };
      if (this.ended) this.end(this.ended);
      else this.check();
    });
  }

  private check(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const match = waiter.pattern.exec(this.buffer);
    if (!match) return;
    const end = match.index + match[0].length;
    const text = this.buffer.slice(0, end);
    this.buffer = this.buffer.slice(end);
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.resolve(text);
  }
}
