import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IpsecSa, IpsecSaEntry } from '../../model/records/ipsec.js';
import type { EspSaView, IpsecPeerView } from '../model/state.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { HUB_NBMA, cryptoHub, routerState } from './crypto-test-routers.js';
import { renderShowCryptoIpsecSa } from './show-crypto-ipsec-sa.js';

function parseBack(text: string): IpsecSa[] {
  const resolved = resolveCommand('show crypto ipsec sa');
  if (!resolved.ok) throw new Error(resolved.error);
  const result = resolved.command.parser.parse(text, { args: resolved.command.args });
  expect(result.error).toBeUndefined();
  expect(result.warnings).toEqual([]);
  return result.records as IpsecSa[];
}

function captureLines(path: string): string[] {
  return readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8').split('\n');
}

function hex(spi: number): string {
  return `0x${spi.toString(16).toUpperCase()}`;
}

function expectEntries(entries: IpsecSaEntry[], sas: EspSaView[]): void {
  expect(entries).toHaveLength(sas.length);
  sas.forEach((sa, i) => {
    expect(entries[i]).toMatchObject({
      protocol: 'esp',
      spi: hex(sa.spi),
      transform: sa.transform,
      mode: sa.mode.toLowerCase(),
      udpEncaps: sa.natT,
      connId: sa.connId,
      flowId: `CSR:${sa.connId - 2000}`,
      cryptoMap: 'Tunnel0-head-0',
      remainingKilobytes: sa.remainingKb,
      remainingSeconds: sa.remainingSeconds,
      ivSizeBytes: 16,
      replayDetection: true,
      status: 'ACTIVE(ACTIVE)',
    });
  });
}

function expectPeer(record: IpsecSa, peer: IpsecPeerView): void {
  const current = peer.outbound.at(-1);
  expect(record).toMatchObject({
    interface: peer.interface,
    cryptoMapTag: `${peer.interface}-head-0`,
    cryptoMapLocal: HUB_NBMA,
    protectedVrf: '(none)',
    localIdent: { address: peer.local, mask: '255.255.255.255', protocol: 47, port: 0 },
    remoteIdent: { address: peer.remote, mask: '255.255.255.255', protocol: 47, port: 0 },
    remote: peer.remote,
    remotePort: peer.remotePort,
    local: peer.local,
    remoteEndpoint: peer.remote,
    action: 'PERMIT',
    flagNames: ['origin_is_acl'],
    pktsEncaps: peer.pktsEncaps,
    pktsEncrypt: peer.pktsEncaps,
    pktsDigest: peer.pktsEncaps,
    pktsDecaps: peer.pktsDecaps,
    pktsDecrypt: peer.pktsDecaps,
    pktsVerify: peer.pktsDecaps,
    pktsCompressed: 0,
    pktsNotDecompressed: 0,
    sendErrors: peer.sendErrors,
    recvErrors: peer.recvErrors,
    plaintextMtu: peer.plaintextMtu,
    pathMtu: peer.pathMtu,
    ipMtu: 1500,
    ipMtuInterface: 'GigabitEthernet1',
    currentOutboundSpi: current === undefined ? '0x0' : hex(current.spi),
    pfs: peer.pfs,
    dhGroup: peer.pfs ? `group${peer.dhGroup}` : 'none',
    inSas: peer.inbound.length,
    outSas: peer.outbound.length,
  });
  expectEntries(record.inbound, peer.inbound);
  expectEntries(record.outbound, peer.outbound);
}

/** The text before a line's first colon (or its first word): what the line is, whatever its values. */
function label(line: string): string {
  const text = line.trim();
  const colon = text.indexOf(':');
  return colon > 0 ? text.slice(0, colon) : text.split(' ')[0]!;
}

function indentation(line: string): number {
  return line.length - line.trimStart().length;
}

describe('show crypto ipsec sa', () => {
  it('reads back every peer block: counters past 2^32, NAT-T, PFS, rekey overlap, peers with no SA yet', () => {
    const hub = cryptoHub(16, 'v1');
    const records = parseBack(renderShowCryptoIpsecSa(hub));
    expect(records).toHaveLength(hub.ipsecSas.length);
    hub.ipsecSas.forEach((peer, i) => expectPeer(records[i]!, peer));
    expect(records.some((record) => record.pktsEncaps! > 2 ** 32)).toBe(true);
    expect(records.some((record) => record.inbound.length === 2)).toBe(true);
    expect(records.some((record) => record.remotePort === 4500 && record.inbound[0]?.udpEncaps)).toBe(true);
    expect(records.filter((record) => record.currentOutboundSpi === '0x0').length).toBeGreaterThan(0);
  });

  it('prints SPIs as hex then decimal, the newest outbound SA as the current one', () => {
    const hub = cryptoHub(6, 'v1');
    const rekeying = hub.ipsecSas[5]!;
    const text = renderShowCryptoIpsecSa(hub);
    const newest = rekeying.outbound[1]!.spi;
    expect(text).toContain(`current outbound spi: ${hex(newest)}(${newest})`);
    expect(text).toContain('sa timing: remaining key lifetime (k/sec): (');
  });

  it('prints a protected tunnel with no peers as its interface and crypto map lines alone', () => {
    const text = renderShowCryptoIpsecSa(routerState('hub1', 'hub', HUB_NBMA));
    expect(text).toBe(`\ninterface: Tunnel0\n    Crypto map tag: Tunnel0-head-0, local addr ${HUB_NBMA}\n\n`);
    expect(parseBack(text)).toEqual([]);
  });

  it('indents every line as the real IOS-XE captures do (a DMVPN hub, a plain `interface Tunnel10` one)', () => {
    const captures = [
      'show_crypto_ipsec_sa_detail/ntc__cisco_ios_show_crypto_ipsec_sa_detail.raw',
      'show_crypto_ipsec_sa_interface/genie__golden_output_2_output.txt',
    ];
    const captured = new Map<string, number>();
    for (const line of captures.flatMap(captureLines))
      if (line.trim() !== '') captured.set(label(line), indentation(line));
    const hub = cryptoHub(2, 'v1');
    const rendered = renderShowCryptoIpsecSa(hub)
      .split('\n')
      .filter((line) => line.trim() !== '');
    const unknown = rendered.filter((line) => !captured.has(label(line))).map(label);
    expect(unknown).toEqual([]);
    for (const line of rendered)
      expect([label(line), indentation(line)]).toEqual([label(line), captured.get(label(line))]);
  });

  it('reads back 5,000 spokes of a hub', () => {
    const hub = cryptoHub(5_000, 'v1');
    const records = parseBack(renderShowCryptoIpsecSa(hub));
    expect(records).toHaveLength(5_000);
    expect(new Set(records.map((record) => record.remote)).size).toBe(5_000);
  });
});
