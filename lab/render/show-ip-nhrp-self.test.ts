import { describe, expect, it } from 'vitest';
import type { NhrpCacheEntry } from '../../model/records/nhrp-cache.js';
import {
  asShown,
  emptyState,
  largeHubState,
  phase3SpokeState,
  tunnelInterface,
} from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowIpNhrpSelf } from './show-ip-nhrp-self.js';

describe('show ip nhrp self', () => {
  it("reads back the router's own entry on each NHRP tunnel", () => {
    const state = phase3SpokeState();
    state.uptimeSeconds = 93_784;
    const records = parseRendered<NhrpCacheEntry>('show ip nhrp self', renderShowIpNhrpSelf(state));
    expect(records).toMatchObject(
      state.dmvpn.map(({ interface: name }) => {
        const tunnel = state.interfaces.find((candidate) => candidate.name === name)!;
        return {
          target: `${tunnel.address}/32`,
          via: tunnel.address,
          interface: name,
          createdSeconds: asShown(state.uptimeSeconds),
          expiresSeconds: null,
          type: 'static',
          flags: ['router', 'unique', 'local'],
          nbma: tunnel.tunnel!.source,
          noSocket: true,
          metadataExchange: [1, 2, 3].map((type) => ({ type, state: 'Reset', extData: '0x0' })),
        };
      }),
    );
    expect(records).toHaveLength(2);
  });

  it('prints nothing on a router without NHRP tunnels', () => {
    const state = emptyState('r1', 'spoke');
    state.interfaces = [tunnelInterface('Tunnel0', '10.0.0.1', '192.0.2.1', null)];
    expect(renderShowIpNhrpSelf(state)).toBe('');
    expect(parseRendered('show ip nhrp self', renderShowIpNhrpSelf(largeHubState(3)))).toHaveLength(1);
  });

  it('prints the capture byte for byte for the same tunnel', () => {
    const state = emptyState('r1', 'spoke');
    state.uptimeSeconds = 3_335;
    state.interfaces = [tunnelInterface('Tunnel11', '192.240.1.6', '17.0.1.1', 'P')];
    state.dmvpn = [{ interface: 'Tunnel11', type: 'Spoke', peers: [] }];
    const capture = captureLines('show_ip_nhrp_self', 'genie__golden_output_1_output.txt').slice(1);
    expect(renderShowIpNhrpSelf(state)).toBe(`${capture.join('\n')}\n`);
  });
});
