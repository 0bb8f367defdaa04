import { describe, expect, it } from 'vitest';
import { groupByFirstChar } from './by-first-char.js';

describe('groupByFirstChar', () => {
  it('groups keyed entries by the code of their first character, in table order', () => {
    const groups = groupByFirstChar([
      ['MTU ', 1],
      ['Key ', 2],
      ['Members ', 3],
    ] as const);
    expect(groups['M'.charCodeAt(0)]).toEqual([
      ['MTU ', 1],
      ['Members ', 3],
    ]);
    expect(groups['K'.charCodeAt(0)]).toEqual([['Key ', 2]]);
    expect(groups['Z'.charCodeAt(0)]).toBeUndefined();
  });
});
