import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/index.js';
import { buildNetwork } from '../network/build.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { runCommand, type RouterView } from './commands.js';

const network = buildNetwork({ spokes: 3, phase: 3 });
const states = simulate(network, 900);

function router(hostname: string): RouterView {
  return {
    config: network.routers.find((candidate) => candidate.hostname === hostname)!,
    state: states.get(hostname)!,
  };
}

describe('the counter and trace commands', () => {
  it('answer their IOS forms and abbreviations, and read back without warnings', () => {
    /** The line as typed, and the command in full for our parser. */
    const lines: [string, string][] = [
      ['sh ip nhrp stat', 'show ip nhrp stats'],
      ['show ip nhrp stats detail', 'show ip nhrp stats detail'],
      ['sh ip nhrp stats tu 0 det', 'show ip nhrp stats Tunnel0 detail'],
      ['show ip nhrp stats Tunnel0', 'show ip nhrp stats Tunnel0'],
      ['sh ip nhrp traffic det', 'show ip nhrp traffic detail'],
      ['sh ip nhrp traf int tu0', 'show ip nhrp traffic interface Tunnel0'],
      ['show ip nhrp traffic interface tunnel 0 detail', 'show ip nhrp traffic interface Tunnel0 detail'],
      ['sh tun prot stat', 'show tunnel protection statistics'],
      ['sh mon event-trace dmvpn all', 'show monitor event-trace dmvpn all'],
      ['sh cry isa sa count', 'show crypto isakmp sa count'],
      ['sh cry ipsec sa addr', 'show crypto ipsec sa address'],
    ];
    for (const [typed, command] of lines) {
      const text = runCommand(router('spoke1'), typed);
      expect(text, typed).not.toContain('% ');
      const resolved = resolveCommand(command);
      if (!resolved.ok) throw new Error(resolved.error);
      const result = resolved.command.parser.parse(text, { args: resolved.command.args });
      expect(result.warnings, typed).toEqual([]);
      expect(result.records.length, typed).toBeGreaterThan(0);
    }
  });

  it('refuse a tunnel the router does not have', () => {
    for (const line of ['show ip nhrp stats Tunnel9', 'show ip nhrp traffic interface Tunnel9 detail'])
      expect(runCommand(router('spoke1'), line), line).toContain("% Invalid input detected at '^' marker.");
  });
});
