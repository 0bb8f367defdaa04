import { describe, expect, it } from 'vitest';
import { fullInterfaceName, interfaceFromArgs } from './interface-name.js';

describe('fullInterfaceName', () => {
  it('writes an abbreviated tunnel the way IOS headers do', () => {
    expect(fullInterfaceName('Tu0')).toBe('Tunnel0');
    expect(fullInterfaceName('tunnel100')).toBe('Tunnel100');
    expect(fullInterfaceName('tun1.10')).toBe('Tunnel1.10');
  });

  it('leaves other names as given', () => {
    expect(fullInterfaceName('GigabitEthernet1')).toBe('GigabitEthernet1');
  });
});

describe('interfaceFromArgs', () => {
  it('joins `tunnel 100` typed in two words', () => {
    expect(interfaceFromArgs(['tunnel', '100'])).toBe('Tunnel100');
  });

  it('is null when the command named no interface', () => {
    expect(interfaceFromArgs([])).toBeNull();
    expect(interfaceFromArgs(undefined)).toBeNull();
  });
});
