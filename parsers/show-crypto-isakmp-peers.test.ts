import { describe, expect, it } from 'vitest';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { showCryptoIsakmpPeers } from './show-crypto-isakmp-peers.js';

interface GeniePeer {
  peer_ip: string;
  port: number;
  local_ip: string;
  phase_id: string;
}

describe('show crypto isakmp peers', () => {
  it("gives genie's peers from the real capture", () => {
    const upstream = loadUpstream('show_crypto_isakmp_peer', 'genie__golden_output') as {
      peer_entries: Record<string, GeniePeer>;
    };
    const result = showCryptoIsakmpPeers.parse(
      readCapture('show_crypto_isakmp_peer', 'genie__golden_output_output.txt'),
    );
    expect(result.warnings).toEqual([]);
    expect(
      result.records.map(({ peer, port, local, phase1Id }) => ({ peer, port, local, phase1Id })),
    ).toEqual(
      Object.values(upstream.peer_entries).map((entry) => ({
        peer: entry.peer_ip,
        port: entry.port,
        local: entry.local_ip,
        phase1Id: entry.phase_id,
      })),
    );
    expect(result.records.map((record) => record.line)).toEqual([1, 3]);
  });

  it('`show crypto isakmp peer X` is IOS shorthand for `peers X`', () => {
    const resolution = resolveCommand('sh cry isa peer 1.1.1.2');
    expect(resolution.ok && [resolution.command.parser, resolution.command.args]).toEqual([
      showCryptoIsakmpPeers,
      ['1.1.1.2'],
    ]);
  });

  it('a peer that authenticated with its hostname shows it as the phase 1 id; a NAT-T peer on 4500', () => {
    const result = showCryptoIsakmpPeers.parse(
      [
        'Peer: 198.51.100.1 Port: 500 Local: 203.0.113.11',
        ' Phase1 id: hub1.example.net',
        'Peer: 203.0.113.12 Port: 4500 Local: 203.0.113.11',
        ' Phase1 id: 203.0.113.12',
      ].join('\n'),
    );
    expect(result.records.map((record) => [record.peer, record.port, record.phase1Id])).toEqual([
      ['198.51.100.1', 500, 'hub1.example.net'],
      ['203.0.113.12', 4500, '203.0.113.12'],
    ]);
  });

  it('filtered output: `| include Peer` gives peers without identities, orphan ids are understood', () => {
    const peersOnly = showCryptoIsakmpPeers.parse('Peer: 198.51.100.1 Port: 500 Local: 203.0.113.11\n', {
      filtered: true,
    });
    expect(peersOnly.records[0]).toMatchObject({ peer: '198.51.100.1', phase1Id: null });
    const idsOnly = showCryptoIsakmpPeers.parse(' Phase1 id: 198.51.100.1\n', { filtered: true });
    expect(idsOnly).toMatchObject({ records: [], warnings: [] });
  });

  it('bad input: a cut Peer line is a warning, garbage is not recognised, a refusal is an error', () => {
    const cut = showCryptoIsakmpPeers.parse(
      'Peer: 198.51.100.1 Port: 500 Local: 203.0.113.11\n Phase1 id: 1\nPeer: 198.51.1',
    );
    expect(cut.records).toHaveLength(1);
    expect(cut.warnings).toEqual([expect.objectContaining({ line: 3 })]);
    expect(showCryptoIsakmpPeers.parse('what is this\n').error?.kind).toBe('not-recognized');
    expect(showCryptoIsakmpPeers.parse("% Invalid input detected at '^' marker.\n").error?.kind).toBe(
      'invalid-input',
    );
    expect(showCryptoIsakmpPeers.parse('').error?.kind).toBe('empty');
  });

  it('is recognised from its output alone', () => {
    expect(detectCommand(readCapture('show_crypto_isakmp_peer', 'genie__golden_output_output.txt'))).toBe(
      showCryptoIsakmpPeers,
    );
  });
});
