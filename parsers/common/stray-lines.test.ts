import { describe, expect, it } from 'vitest';
import { StrayLines } from './stray-lines.js';

describe('StrayLines', () => {
  it('says once, at the first, how many lines belong to nothing', () => {
    const warnings: [number, string][] = [];
    const out = { warn: (index: number, reason: string) => warnings.push([index, reason]) };
    const stray = new StrayLines();
    stray.add(4);
    stray.add(9);
    stray.warnOnce(out, (count) => `${count} counter line(s) with no section header above them`);
    expect(warnings).toEqual([[4, '2 counter line(s) with no section header above them']]);
  });

  it('says nothing when there were none', () => {
    const warnings: unknown[] = [];
    new StrayLines().warnOnce({ warn: () => warnings.push(1) }, () => 'never');
    expect(warnings).toEqual([]);
  });
});
