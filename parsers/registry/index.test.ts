import { describe, expect, it } from 'vitest';
import { detectCommand, parsers, resolveCommand } from './index.js';

function resolved(commandLine: string): {
  command: string;
  expanded: string;
  args: string[];
  filtered: boolean;
} {
  const resolution = resolveCommand(commandLine);
  if (!resolution.ok) throw new Error(resolution.error);
  const { parser, expanded, args, filtered } = resolution.command;
  return { command: parser.command, expanded, args, filtered };
}

describe('resolveCommand', () => {
  it.each([
    ['sh dmvpn', 'show dmvpn'],
    ['sh dmvpn det', 'show dmvpn detail'],
    ['sh cry isa sa', 'show crypto isakmp sa'],
    ['sh ip nh nhs det', 'show ip nhrp nhs detail'],
    ['sh ip nh traf', 'show ip nhrp traffic'],
    ['sh cry ips sa', 'show crypto ipsec sa'],
    ['sh cry sess det', 'show crypto session detail'],
    ['sh cry ikev2 sa', 'show crypto ikev2 sa'],
    ['sh int', 'show interfaces'],
    ['sh ip int br', 'show ip interface brief'],
    ['sh ip eigrp nei', 'show ip eigrp neighbors'],
    ['sh ip os nei', 'show ip ospf neighbor'],
    ['sh ip bgp sum', 'show ip bgp summary'],
    ['sh ver', 'show version'],
    ['sh run', 'show running-config'],
    ['sh log', 'show logging'],
  ])('reads the abbreviation "%s" as %s', (abbreviated, full) => {
    expect(resolved(abbreviated).expanded).toBe(full);
  });

  it('keeps the arguments of a command and their case', () => {
    expect(resolved('show crypto ipsec sa peer 198.51.100.2 detail')).toMatchObject({
      command: 'show crypto ipsec sa',
      args: ['198.51.100.2'],
    });
    expect(resolved('sh int Tunnel0').args).toEqual(['Tunnel0']);
  });

  it('notes an output modifier, so that parsers expect missing lines', () => {
    expect(resolved('show crypto ipsec sa | include peer|encaps|decaps')).toMatchObject({
      command: 'show crypto ipsec sa',
      filtered: true,
    });
    expect(resolved('show dmvpn').filtered).toBe(false);
  });

  it('reports an ambiguous abbreviation with the candidates, as IOS does', () => {
    const resolution = resolveCommand('sh ip nhrp s');
    expect(resolution.ok).toBe(false);
    if (!resolution.ok) expect(resolution.error).toMatch(/ambiguous.*self.*static/);
  });

  it('reports a command with no parser, naming the word where it fails', () => {
    const resolution = resolveCommand('show clock');
    expect(resolution).toEqual({ ok: false, error: 'no parser for "show clock" (at "clock")' });
    expect(resolveCommand('').ok).toBe(false);
  });

  it('every command form belongs to exactly one parser', () => {
    const seen = new Map<string, string>();
    for (const parser of parsers) {
      for (const form of parser.syntax) {
        expect(seen.get(form), form).toBeUndefined();
        seen.set(form, parser.command);
      }
    }
    expect(seen.size).toBeGreaterThan(50);
  });
});

describe('detectCommand', () => {
  it('recognises show dmvpn from its legend and peer table', () => {
    const text = [
      'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
      '        N - NATed, L - Local, X - No Socket',
      '        # Ent --> Number of NHRP entries with same NBMA peer',
      '',
      'Interface: Tunnel0, IPv4 NHRP Details ',
      'Type:Spoke, NHRP Peers:1, ',
      '',
      ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
      ' ----- --------------- --------------- ----- -------- -----',
      '     1 203.0.113.1          10.0.0.1    UP 00:10:01     S',
    ].join('\n');
    expect(detectCommand(text)?.command).toBe('show dmvpn');
  });

  it('recognises nothing in plain prose', () => {
    expect(detectCommand('The quick brown fox jumps over the lazy dog.')).toBeUndefined();
  });
});
