import { describe, expect, it } from 'vitest';
import { splitSessionLog } from './session-log.js';

const LOG = [
  'login as: admin',
  'hub1>enable',
  'Password:',
  'hub1#terminal length 0',
  'hub1#sh dmvpn',
  'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
  '     1 172.16.1.2        10.0.0.2    UP 00:01:02     D',
  'hub1#',
  'hub1#show crypto isakmp sa | include QM',
  '203.0.113.1     172.16.1.2      QM_IDLE           1001 ACTIVE',
  'hub1#conf t',
  'hub1(config)#interface Tunnel0',
  'hub1(config-if)#end',
  'spoke2#show ip nhrp nhs detail',
  'Legend: E=Expecting replies, R=Responding, W=Waiting',
].join('\n');

describe('splitSessionLog', () => {
  const commands = splitSessionLog(LOG);

  it('finds every command typed at an exec prompt, with its device and line', () => {
    expect(commands.map(({ device, command, line }) => ({ device, command, line }))).toEqual([
      { device: 'hub1', command: 'enable', line: 2 },
      { device: 'hub1', command: 'terminal length 0', line: 4 },
      { device: 'hub1', command: 'sh dmvpn', line: 5 },
      { device: 'hub1', command: 'show crypto isakmp sa | include QM', line: 9 },
      { device: 'hub1', command: 'conf t', line: 11 },
      { device: 'spoke2', command: 'show ip nhrp nhs detail', line: 14 },
    ]);
  });

  it('gives each command the output up to the next prompt', () => {
    expect(commands[2]!.output).toBe(
      'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete\n     1 172.16.1.2        10.0.0.2    UP 00:01:02     D',
    );
    expect(commands[5]!.output).toBe('Legend: E=Expecting replies, R=Responding, W=Waiting');
  });

  it('leaves configuration-mode lines out of every output', () => {
    expect(commands[4]!.output).toBe('');
  });

  it('finds nothing in text without prompts', () => {
    expect(splitSessionLog('IPv4 Crypto ISAKMP SA\ndst src state conn-id status')).toEqual([]);
  });
});

describe('splitSessionLog on a show tech-support', () => {
  const tech = [
    'hub1#show tech-support',
    '',
    '------------------ show version ------------------',
    '',
    'Cisco IOS XE Software, Version 17.09.04a',
    '',
    '------------------ show dmvpn ------------------',
    '',
    'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
    '',
    '------------------ show clock ------------------',
    '*12:00:01.123 UTC Wed Nov 25 2026',
    'hub1#',
  ].join('\n');

  it('takes each section as the command it names, on the device of the prompt', () => {
    const commands = splitSessionLog(tech);
    expect(commands.map(({ device, command, line }) => ({ device, command, line }))).toEqual([
      { device: 'hub1', command: 'show version', line: 3 },
      { device: 'hub1', command: 'show dmvpn', line: 7 },
      { device: 'hub1', command: 'show clock', line: 11 },
    ]);
    expect(commands[1]!.output).toBe('\nLegend: Attrb --> S - Static, D - Dynamic, I - Incomplete\n');
  });

  it('reads sections pasted without any prompt', () => {
    const sections = splitSessionLog(tech.split('\n').slice(2, -1).join('\n'));
    expect(sections.map(({ device, command }) => [device, command])).toEqual([
      ['', 'show version'],
      ['', 'show dmvpn'],
      ['', 'show clock'],
    ]);
  });
});
