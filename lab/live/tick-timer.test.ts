import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TickTimer } from './tick-timer.js';
import type { LabTick } from './types.js';

function tick(to: number): LabTick {
  return { fromSeconds: to - 1, toSeconds: to, messages: [], traps: [] };
}

describe('the tick timer', () => {
  it('never computes two ticks at once, however slow a tick is', async () => {
    let running = 0;
    let most = 0;
    let count = 0;
    const timer = new TickTimer(
      1,
      () => {},
      async () => {
        running++;
        most = Math.max(most, running);
        await sleep(15);
        running--;
        return tick(++count);
      },
    );
    const seen: number[] = [];
    const stop = timer.subscribe((each) => seen.push(each.toSeconds));
    while (seen.length < 4) await sleep(5);
    stop();
    expect(most).toBe(1);
    expect(seen.slice(0, 4)).toEqual([1, 2, 3, 4]);
  });

  it('runs only while someone listens, starting a new window each time', async () => {
    let begun = 0;
    let computed = 0;
    const timer = new TickTimer(
      1,
      () => begun++,
      async () => tick(++computed),
    );
    const first = await new Promise<LabTick>((resolve) => {
      const stop = timer.subscribe((each) => {
        stop();
        resolve(each);
      });
    });
    expect(first.toSeconds).toBe(1);
    await sleep(20);
    expect(computed).toBe(1);
    const stop = timer.subscribe(() => {});
    timer.close();
    stop();
    await sleep(20);
    expect(begun).toBe(2);
    expect(computed).toBe(1);
  });

  it('keeps ticking when a listener throws', async () => {
    let computed = 0;
    const timer = new TickTimer(
      1,
      () => {},
      async () => tick(++computed),
    );
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.message);
    process.on('warning', onWarning);
    const seen: number[] = [];
    timer.subscribe(() => {
      throw new Error('receiver down');
    });
    timer.subscribe((each) => seen.push(each.toSeconds));
    while (seen.length < 2) await sleep(5);
    timer.close();
    process.off('warning', onWarning);
    expect(warnings.some((message) => message.includes('receiver down'))).toBe(true);
  });
});
