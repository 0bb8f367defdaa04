import { describe, expect, it } from 'vitest';
import { isExecBanner, isTerminalNoise, terminalLine, typedAtPrompt } from './terminal-noise.js';

describe('terminalLine', () => {
  it('gives the show command echoed at the top of a capture, with or without its prompt', () => {
    expect(terminalLine('show ip nhrp vrf RED')).toBe('show ip nhrp vrf RED');
    expect(terminalLine('hub1#sh dmvpn')).toBe('sh dmvpn');
    expect(terminalLine('  SHOW ip nhrp', 2)).toBe('SHOW ip nhrp');
    expect(terminalLine('\u00a0show version')).toBe('show version');
  });

  it('gives nothing to read for a bare prompt or the exec timestamp banner', () => {
    expect(terminalLine('hub1#')).toBe('');
    expect(terminalLine('Load for five secs: 1%/0%; one minute: 1%; five minutes: 1%')).toBe('');
    expect(terminalLine('No time source, *12:44:19.808 UTC Tue Dec 7 2021')).toBe('');
    expect(terminalLine('Time source is NTP, 10:01:02.003 UTC Mon Jan 1 2024')).toBe('');
  });

  it('does not take output lines or other commands for terminal lines', () => {
    expect(terminalLine('10.0.0.2/32 via 10.0.0.2')).toBeUndefined();
    expect(terminalLine('hub1#configure terminal')).toBeUndefined();
    expect(isTerminalNoise('Tunnel0 is up, line protocol is up')).toBe(false);
  });
});

describe('the pieces', () => {
  it('reads what was typed at any prompt', () => {
    expect(typedAtPrompt('hub1(config-if)#tunnel key 100')).toBe('tunnel key 100');
    expect(typedAtPrompt('spoke>')).toBe('');
    expect(typedAtPrompt('Interface Tunnel0')).toBeUndefined();
  });

  it('finds the exec banner where the line starts', () => {
    expect(isExecBanner('  Time source is NTP', 2)).toBe(true);
    expect(isExecBanner('Timer source')).toBe(false);
  });
});
