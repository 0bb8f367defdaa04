import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IpsecSa, IpsecSaCount } from '../../model/records/ipsec.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { cryptoHub } from './crypto-test-routers.js';
import { renderShowCryptoIpsecSa, renderShowCryptoIpsecSaCount } from './show-crypto-ipsec-sa.js';

function parseBack<T>(command: string, text: string): T[] {
  const resolved = resolveCommand(command);
  if (!resolved.ok) throw new Error(resolved.error);
  const result = resolved.command.parser.parse(text, { args: resolved.command.args });
  expect(result.error).toBeUndefined();
  expect(result.warnings).toEqual([]);
  return result.records as T[];
}

function capture(path: string): string {
  return readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8');
}

/** The counter lines of the first peer block, with every number turned to 0. */
function counterShapes(text: string): string[] {
  const lines = text.split('\n').filter((line) => line.trimStart().startsWith('#'));
  return lines
    .slice(0, lines.length / Math.max(1, text.split('current_peer').length - 1))
    .map((line) => line.replace(/\d+/g, '0'));
}

describe('show crypto ipsec sa detail', () => {
  it('reads back the per-cause counters: errors as encaps/decaps failures, the unknown causes 0', () => {
    const hub = cryptoHub(8, 'v1');
    hub.ipsecSas[1] = { ...hub.ipsecSas[1]!, sendErrors: 7, recvErrors: 2 ** 33 };
    const records = parseBack<IpsecSa>('show crypto ipsec sa detail', renderShowCryptoIpsecSa(hub, true));
    expect(records).toHaveLength(hub.ipsecSas.length);
    hub.ipsecSas.forEach((peer, i) => {
      expect(records[i]).toMatchObject({
        remote: peer.remote,
        pktsEncaps: peer.pktsEncaps,
        pktsDecaps: peer.pktsDecaps,
        pktsEncapsFailedSend: peer.sendErrors,
        pktsDecapsFailedRecv: peer.recvErrors,
        pktsNoSaSend: 0,
        pktsReplayFailedRecv: 0,
        pktsInternalErrRecv: 0,
        inSas: peer.inbound.length,
        outSas: peer.outbound.length,
      });
    });
  });

  it('reads back 5,000 spokes of a hub', () => {
    const records = parseBack<IpsecSa>(
      'show crypto ipsec sa detail',
      renderShowCryptoIpsecSa(cryptoHub(5_000, 'v1'), true),
    );
    expect(records).toHaveLength(5_000);
  });

  it('prints the counter lines of a real IOS-XE capture, in its order', () => {
    const expected = counterShapes(capture('show_crypto_ipsec_sa_detail/genie__golden_output_1_output.txt'));
    expect(counterShapes(renderShowCryptoIpsecSa(cryptoHub(1, 'v1'), true))).toEqual(expected);
    expect(counterShapes(renderShowCryptoIpsecSa(cryptoHub(1, 'v1')))).not.toEqual(expected);
  });
});

describe('show crypto ipsec sa peer <address>', () => {
  it('keeps the blocks of that peer only, under its tunnel', () => {
    const hub = cryptoHub(6, 'v1');
    const peer = hub.ipsecSas[3]!;
    const text = renderShowCryptoIpsecSa(hub, false, peer.remote);
    const records = parseBack<IpsecSa>(`show crypto ipsec sa peer ${peer.remote}`, text);
    expect(records.map((record) => [record.interface, record.remote, record.pktsEncaps])).toEqual([
      [peer.interface, peer.remote, peer.pktsEncaps],
    ]);
    expect(
      text.startsWith(`\ninterface: ${peer.interface}\n    Crypto map tag: ${peer.interface}-head-0`),
    ).toBe(true);
  });

  it('keeps the per-cause counters in detail', () => {
    const hub = cryptoHub(4, 'v1');
    const peer = hub.ipsecSas[2]!;
    const text = renderShowCryptoIpsecSa(hub, true, peer.remote);
    const [record] = parseBack<IpsecSa>(`show crypto ipsec sa peer ${peer.remote} detail`, text);
    expect(record).toMatchObject({
      remote: peer.remote,
      pktsEncapsFailedSend: peer.sendErrors,
      pktsNoSaSend: 0,
    });
  });

  it('prints nothing for a peer without SAs', () => {
    expect(renderShowCryptoIpsecSa(cryptoHub(3, 'v1'), false, '192.0.2.99')).toBe('');
  });
});

describe('show crypto ipsec sa count', () => {
  it('counts every inbound and outbound SA, as the capture prints the line', () => {
    const hub = cryptoHub(12, 'v1');
    const total = hub.ipsecSas.reduce((sum, peer) => sum + peer.inbound.length + peer.outbound.length, 0);
    const text = renderShowCryptoIpsecSaCount(hub);
    const [count] = parseBack<IpsecSaCount>('show crypto ipsec sa count', text);
    expect(count).toMatchObject({ total, active: total, rekeying: 0, unused: 0, invalid: 0 });
    expect(total).toBeGreaterThan(0);
    const shape = (line: string) => line.trim().replace(/\d+/g, '0');
    expect(shape(text)).toBe(shape(capture('show_crypto_ipsec_sa_count/genie__golden_output_output.txt')));
  });
});
