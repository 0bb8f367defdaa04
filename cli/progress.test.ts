// Progress on stderr: a bar redrawn in place on a terminal, a count every tenth of the way in a log.

import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, write: (text: string) => writes.push(text), isTTY };
}

describe('Progress', () => {
  it('prints a count every tenth of the way when stderr is no terminal', () => {
    const log = stream(false);
    const progress = new Progress(log, 25, 'polled');
    for (let i = 0; i < 25; i++) progress.tick();
    expect(log.writes).toEqual([
      'polled: 3/25\n',
      'polled: 5/25\n',
      'polled: 8/25\n',
      'polled: 10/25\n',
      'polled: 13/25\n',
      'polled: 15/25\n',
      'polled: 18/25\n',
      'polled: 20/25\n',
      'polled: 23/25\n',
      'polled: 25/25\n',
    ]);
  });

  it('redraws a bar on a terminal and ends its line when done', () => {
    const terminal = stream(true);
    const progress = new Progress(terminal, 2, 'polled');
    progress.tick();
    progress.tick();
    expect(terminal.writes).toEqual([
      `\rpolled [${'.'.repeat(30)}] 0/2`,
      `\rpolled [${'#'.repeat(15)}${'.'.repeat(15)}] 1/2`,
      `\rpolled [${'#'.repeat(30)}] 2/2`,
      '\n',
    ]);
  });
});
