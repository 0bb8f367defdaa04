import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IsakmpPeer } from '../../model/records/ike.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { HUB_NBMA, cryptoHub, cryptoSpoke } from './crypto-test-routers.js';
import { renderShowCryptoIsakmpPeers } from './show-crypto-isakmp-peers.js';

function parseBack(command: string, text: string): IsakmpPeer[] {
  const resolved = resolveCommand(command);
  if (!resolved.ok) throw new Error(resolved.error);
  const result = resolved.command.parser.parse(text, { args: resolved.command.args });
  expect(result.error).toBeUndefined();
  expect(result.warnings).toEqual([]);
  return result.records as IsakmpPeer[];
}

describe('show crypto isakmp peers', () => {
  it('reads back one peer per IKEv1 peer: NAT-T port, a rekeying peer once', () => {
    const hub = cryptoHub(12, 'v1');
    const records = parseBack('show crypto isakmp peers', renderShowCryptoIsakmpPeers(hub));
    const expected = [...new Map(hub.ikeSas.map((sa) => [sa.remote, sa])).values()];
    expect(records.map((peer) => [peer.peer, peer.port, peer.local, peer.phase1Id])).toEqual(
      expected.map((sa) => [sa.remote, sa.remotePort, HUB_NBMA, sa.remote]),
    );
    expect(hub.ikeSas.length).toBeGreaterThan(records.length);
    expect(records.some((peer) => peer.port === 4500)).toBe(true);
  });

  it('filters by peer address, and prints nothing for IKEv2 SAs or an unknown peer', () => {
    const spoke = cryptoSpoke('v1');
    const peer = spoke.ikeSas[1]!.remote;
    const records = parseBack(`show crypto isakmp peers ${peer}`, renderShowCryptoIsakmpPeers(spoke, peer));
    expect(records.map((record) => record.peer)).toEqual([peer]);
    expect(renderShowCryptoIsakmpPeers(spoke, '192.0.2.99')).toBe('');
    expect(renderShowCryptoIsakmpPeers(cryptoSpoke('v2'))).toBe('');
  });

  it('reads back the peers of a 5,000-spoke hub', () => {
    const hub = cryptoHub(5_000, 'v1');
    const records = parseBack('show crypto isakmp peers', renderShowCryptoIsakmpPeers(hub));
    expect(records).toHaveLength(new Set(hub.ikeSas.map((sa) => sa.remote)).size);
    expect(records.length).toBeGreaterThan(3_000);
  });

  it('prints the lines of the real capture for the same values', () => {
    const capture = readFileSync(
      new URL('../../test/fixtures/show_crypto_isakmp_peer/genie__golden_output_output.txt', import.meta.url),
      'utf8',
    );
    const state = cryptoSpoke('v1');
    state.ikeSas = [{ ...state.ikeSas[0]!, local: '1.1.1.1', remote: '1.1.1.2', remotePort: 500 }];
    expect(renderShowCryptoIsakmpPeers(state)).toBe(`${capture.split('\n').slice(0, 2).join('\n')}\n`);
  });
});
