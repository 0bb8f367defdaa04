import { describe, expect, it } from 'vitest';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showCryptoIsakmpPeersConfig } from './show-crypto-isakmp-peers-config.js';

interface GeniePeerConfig {
  key_exchange: string;
  authentication_method: string;
  encryption: string;
  hashing: string;
  dh_group: string;
  lifetime: number;
  local_id: string;
  remote_id: string;
}

describe('show crypto isakmp peers config', () => {
  it("gives genie's peer policies from the real capture", () => {
    const upstream = loadUpstream('show_crypto_isakmp_peers_config', 'genie__golden_output') as {
      peers: Record<string, GeniePeerConfig>;
    };
    const result = showCryptoIsakmpPeersConfig.parse(
      readCapture('show_crypto_isakmp_peers_config', 'genie__golden_output_output.txt'),
    );
    expect(result.warnings).toEqual([]);
    // genie keeps the DH group as `Group 14`; ours is the group number.
    expect(result.records.map(({ kind: _, line: __, ...config }) => config)).toEqual(
      Object.entries(upstream.peers).map(([peer, config]) => ({
        peer,
        keyExchange: config.key_exchange,
        authenticationMethod: config.authentication_method,
        encryption: config.encryption,
        hashing: config.hashing,
        dhGroup: Number(config.dh_group.replace('Group ', '')),
        lifetimeSeconds: config.lifetime,
        localId: config.local_id,
        remoteId: config.remote_id,
      })),
    );
  });

  it('takes `config` as a keyword, not as the peer address of `show crypto isakmp peers <address>`', () => {
    const resolution = resolveCommand('show crypto isakmp peers config');
    expect(resolution.ok && resolution.command.parser).toBe(showCryptoIsakmpPeersConfig);
  });

  it('an attribute it does not know, or an unreadable lifetime, is a warning; the rest is kept', () => {
    const result = showCryptoIsakmpPeersConfig.parse(
      ['Peer: 192.0.2.1', '  Key Exchange: IKEv2', '  Lifetime: forever', '  Colour: blue'].join('\n'),
    );
    expect(result.records[0]).toMatchObject({
      peer: '192.0.2.1',
      keyExchange: 'IKEv2',
      lifetimeSeconds: null,
    });
    expect(result.warnings.map((warning) => warning.line)).toEqual([3, 4]);
  });

  it('filtered attribute lines without their Peer line are understood, not warned about', () => {
    const result = showCryptoIsakmpPeersConfig.parse('  DH Group: Group 14\n  DH Group: Group 19\n', {
      filtered: true,
    });
    expect(result).toMatchObject({ records: [], warnings: [] });
    expect(result.error).toBeUndefined();
  });

  it('refusals, emptiness and garbage are errors', () => {
    expect(showCryptoIsakmpPeersConfig.parse('').error?.kind).toBe('empty');
    expect(showCryptoIsakmpPeersConfig.parse("% Invalid input detected at '^' marker.\n").error?.kind).toBe(
      'invalid-input',
    );
    expect(showCryptoIsakmpPeersConfig.parse('foo bar\n').error?.kind).toBe('not-recognized');
  });

  it('is recognised from its output alone', () => {
    expect(
      detectCommand(readCapture('show_crypto_isakmp_peers_config', 'genie__golden_output_output.txt')),
    ).toBe(showCryptoIsakmpPeersConfig);
  });
});
