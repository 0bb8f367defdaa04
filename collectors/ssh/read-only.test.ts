import { describe, expect, it } from 'vitest';
import { assertReadOnly, ForbiddenCommandError, readOnlyViolation } from './read-only.js';

describe('read-only commands', () => {
  it.each([
    'show dmvpn',
    'sh dmvpn detail',
    'sho crypto ipsec sa',
    'show running-config | section interface Tunnel',
    'show logging | include DMVPN|CRYPTO',
    'show ip nhrp | i 10.0.0.1',
    'terminal length 0',
    'term width 0',
    'ter len 0',
  ])('lets "%s" through', (command) => {
    expect(readOnlyViolation(command)).toBeNull();
  });

  it.each([
    ['configure terminal', /only show and terminal/],
    ['conf t', /only show and terminal/],
    ['clear crypto session', /only show and terminal/],
    ['reload', /only show and terminal/],
    ['write memory', /only show and terminal/],
    ['s dmvpn', /only show and terminal/],
    ['show', /needs an argument/],
    ['show running-config | redirect flash:copy.cfg', /"\| redirect flash:copy.cfg" is not a read-only one/],
    ['show tech | tee tftp://10.0.0.9/x', /tee/],
    ['show run | append flash:x', /append/],
    ['show run | include x | redirect flash:y', /redirect/],
    ['show dmvpn\nconfigure terminal', /line break/],
    ['terminal monitor', /only terminal length N/],
    ['terminal length 0 extra', /only terminal length N/],
  ])('refuses "%s"', (command, reason) => {
    expect(readOnlyViolation(command)).toMatch(reason);
  });

  it('names the device and the command in the error', () => {
    expect(() => assertReadOnly('hub1', 'conf t')).toThrow(ForbiddenCommandError);
    expect(() => assertReadOnly('hub1', 'conf t')).toThrow(/^hub1: refused to send "conf t": /);
  });
});
