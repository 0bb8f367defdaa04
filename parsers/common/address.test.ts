import { describe, expect, it } from 'vitest';
import { isAddress, isIpv4, isIpv4Prefix, isIpv6, prefixLength } from './address.js';

describe('addresses', () => {
  it('takes a dotted IPv4 address and nothing around it', () => {
    expect(isIpv4('10.0.0.1')).toBe(true);
    expect(['10.0.0', '10.0.0.1.', '10.0.0.1/32', '1000.0.0.1', 'Tunnel0'].map(isIpv4)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isIpv4(undefined)).toBe(false);
  });

  it('takes an IPv4 prefix with a length of one or two digits', () => {
    expect(isIpv4Prefix('10.0.0.0/24')).toBe(true);
    expect(isIpv4Prefix('10.0.0.2')).toBe(true);
    expect(isIpv4Prefix('10.0.0.0/')).toBe(false);
    expect(isIpv4Prefix('10.0.0.0/240')).toBe(false);
  });

  it('takes IPv6 addresses and prefixes, never a label such as `Type:`', () => {
    expect(isIpv6('2001:DB8::1')).toBe(true);
    expect(isIpv6('FE80::/10')).toBe(true);
    expect(isIpv6('Type:')).toBe(false);
  });

  it('tells an NHRP target or next hop from the words around it', () => {
    expect(['10.0.0.2/32', 'FE80::2/128', '10.0.0.2'].map(isAddress)).toEqual([true, true, true]);
    expect(['via', 'Group:', 'Tunnel0'].map(isAddress)).toEqual([false, false, false]);
  });
});

describe('prefixLength', () => {
  it('counts the bits of a contiguous mask and refuses any other', () => {
    expect(prefixLength('255.255.255.252')).toBe(30);
    expect(prefixLength('0.0.0.0')).toBe(0);
    expect(prefixLength('255.0.255.0')).toBeUndefined();
    expect(prefixLength('255.255.255.256')).toBeUndefined();
  });
});
