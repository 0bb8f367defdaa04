// The states of one live second are kept for the rest of it; a tick finishing late with an earlier second's states
// does not replace the states already asked for at a later one.

import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../network/build.js';
import { simulateRouter } from '../engine/index.js';
import { configured } from './epochs.js';
import { StateCache } from './live-state.js';

describe('state cache', () => {
  const network = configured({ ...DEFAULT_OPTIONS, spokes: 2 }, []);
  const at = (second: number) => simulateRouter(network, 'spoke1', second);

  it('keeps the states of the latest second of a generation', () => {
    const cache = new StateCache();
    cache.set(at(11), 11, 0);
    cache.set(at(10), 10, 0);
    expect(cache.get('spoke1', 11, 0)).toEqual(at(11));
    expect(cache.get('spoke1', 10, 0)).toBeUndefined();
  });

  it('starts over for a new generation, whatever its second', () => {
    const cache = new StateCache();
    cache.set(at(11), 11, 0);
    cache.set(at(10), 10, 1);
    expect(cache.get('spoke1', 10, 1)).toEqual(at(10));
    expect(cache.get('spoke1', 11, 0)).toBeUndefined();
  });
});
