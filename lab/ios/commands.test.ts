import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/index.js';
import { buildNetwork } from '../network/build.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { runCommand, type RouterView } from './commands.js';

const network = buildNetwork({ spokes: 3 });
const states = simulate(network, 900);

function router(hostname: string): RouterView {
  return {
    config: network.routers.find((candidate) => candidate.hostname === hostname)!,
    state: states.get(hostname)!,
  };
}

function parsedRecords(command: string, text: string): Record<string, unknown>[] {
  const resolved = resolveCommand(command);
  if (!resolved.ok) throw new Error(resolved.error);
  const result = resolved.command.parser.parse(text, { args: resolved.command.args });
  expect(result.error).toBeUndefined();
  expect(result.warnings).toEqual([]);
  return result.records as Record<string, unknown>[];
}

describe('the filtered command forms', () => {
  it('select by interface and by peer address, and read back without warnings', () => {
    const spoke = router('spoke1');
    const hub = router('hub1');
    const hubNbma = spoke.state.ipsecSas[0]!.remote;
    const spokeNbma = hub.state.ipsecSas[0]!.remote;
    /** The router, the line as typed, and the command in full for our parser. */
    const lines: [string, string, string][] = [
      ['spoke1', 'show dmvpn interface Tunnel0', 'show dmvpn interface Tunnel0'],
      ['spoke1', 'sh dmvpn int tu 0', 'show dmvpn interface Tunnel0'],
      ['spoke1', 'show ip nhrp nhs Tunnel0 detail', 'show ip nhrp nhs Tunnel0 detail'],
      ['spoke1', 'show ip nhrp nhs tunnel 0', 'show ip nhrp nhs tunnel 0'],
      ['spoke1', `show crypto ipsec sa peer ${hubNbma}`, `show crypto ipsec sa peer ${hubNbma}`],
      ['spoke1', `sh cry sess rem ${hubNbma} det`, `show crypto session remote ${hubNbma} detail`],
      ['hub1', `show crypto session remote ${spokeNbma}`, `show crypto session remote ${spokeNbma}`],
      ['hub1', `show crypto isakmp peers ${spokeNbma}`, `show crypto isakmp peers ${spokeNbma}`],
    ];
    for (const [name, typed, command] of lines) {
      const text = runCommand(router(name), typed);
      expect(text, typed).not.toContain('%');
      expect(parsedRecords(command, text).length, typed).toBeGreaterThan(0);
    }
  });

  it('refuses an interface the router does not have and an argument that is not an address, as IOS does', () => {
    const spoke = router('spoke1');
    for (const line of [
      'show dmvpn interface Tunnel9',
      'show ip nhrp nhs Tunnel9 detail',
      'show crypto ipsec sa peer hub1',
      'show crypto session remote 10.0.0.256',
    ])
      expect(runCommand(spoke, line), line).toContain("% Invalid input detected at '^' marker.");
  });

  it('prints nothing, or the title alone, for a well-formed peer the router has no SA with', () => {
    const spoke = router('spoke1');
    expect(runCommand(spoke, 'show crypto ipsec sa peer 192.0.2.250')).toBe('');
    expect(runCommand(spoke, 'show crypto isakmp peers 192.0.2.250')).toBe('');
    expect(runCommand(spoke, 'show crypto session remote 192.0.2.250')).toBe(
      'Crypto session current status\n\n',
    );
  });
});

describe('show ip nhrp redirect', () => {
  it('answers with an empty table, which IOS-XE prints as nothing (its redirect blocks have no header)', () => {
    const capture = readFileSync(
      new URL('../../test/fixtures/show_ip_nhrp_redirect/genie__golden_output_output.txt', import.meta.url),
      'utf8',
    );
    expect(parsedRecords('show ip nhrp redirect', capture)[0]).toMatchObject({ line: 1 });
    expect(runCommand(router('hub1'), 'show ip nhrp redirect')).toBe('');
  });
});
