import { describe, expect, it } from 'vitest';
import { intern } from './intern.js';

describe('intern', () => {
  it('gives back the first copy of a string it has seen, so records share it', () => {
    const first = intern(['Tunnel', '0'].join(''));
    const again = intern(['Tun', 'nel0'].join(''));
    expect(again).toBe('Tunnel0');
    expect(again).toBe(first);
  });
});
