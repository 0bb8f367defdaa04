import { describe, expect, it } from 'vitest';
import type { IsakmpPeerConfig } from '../../model/records/ike.js';
import { simulate } from '../engine/index.js';
import { buildNetwork } from '../network/build.js';
import type { RouterState } from '../model/state.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowCryptoIsakmpPeersConfig } from './show-crypto-isakmp-peers-config.js';

function roundTrip(text: string) {
  return parseRendered<IsakmpPeerConfig>('show crypto isakmp peers config', text).map(
    ({ line: _line, ...peer }) => peer,
  );
}

function uniquePeers(state: RouterState) {
  return [...new Map(state.ikeSas.map((sa) => [sa.remote, sa])).values()];
}

describe('show crypto isakmp peers config round trip', () => {
  it.each(['v1', 'v2'] as const)(
    'gives back every IKE%s peer of a hub with the policy its config offers',
    (ike) => {
      const network = buildNetwork({ spokes: 3, phase: 3, ike });
      const hub = network.routers.find((router) => router.hostname === 'hub1')!;
      const state = simulate(network, 900).get('hub1')!;
      const peers = uniquePeers(state);
      expect(peers).toHaveLength(3);
      expect(roundTrip(renderShowCryptoIsakmpPeersConfig(state, hub))).toEqual(
        peers.map((sa) => ({
          kind: 'isakmp_peer_config',
          peer: sa.remote,
          keyExchange: `IKE${ike}`,
          authenticationMethod: 'Pre-Shared Key',
          encryption: 'AES-256',
          hashing: 'SHA-256',
          dhGroup: 14,
          lifetimeSeconds: 86_400,
          localId: sa.local,
          remoteId: sa.remote,
        })),
      );
    },
  );
});

describe('show crypto isakmp peers config format, against a real capture', () => {
  it('prints the header, then per peer its nine lines, an empty line between peers', () => {
    const network = buildNetwork({ spokes: 2 });
    const spoke = network.routers.find((router) => router.hostname === 'spoke1')!;
    const state = simulate(network, 900).get('spoke1')!;
    const second = { ...state.ikeSas[0]!, remote: '192.168.2.1' };
    const rendered = renderShowCryptoIsakmpPeersConfig(
      { ...state, ikeSas: [{ ...state.ikeSas[0]!, remote: '192.168.1.1' }, second] },
      spoke,
    ).split('\n');
    const capture = captureLines('show_crypto_isakmp_peers_config', 'genie__golden_output_output.txt');
    const labels = (lines: string[]) => lines.map((line) => line.replace(/: .*$/, ':'));
    expect(labels(rendered)).toEqual([...labels(capture), '']);
    expect(rendered.slice(0, 8)).toEqual(capture.slice(0, 8));
  });
});
