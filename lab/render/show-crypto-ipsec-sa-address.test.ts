import { describe, expect, it } from 'vitest';
import type { IpsecSaDestination } from '../../model/records/ipsec.js';
import type { EspSaView, RouterState } from '../model/state.js';
import { cryptoHub, cryptoSpoke } from './crypto-test-routers.js';
import { parseRendered } from './dmvpn-test-parse.js';
import { emptyState } from './dmvpn-test-states.js';
import { renderShowCryptoIpsecSaAddress } from './show-crypto-ipsec-sa-address.js';

function hex(spi: number): string {
  return `0x${(spi >>> 0).toString(16).toUpperCase()}`;
}

/** The SAs by destination: inbound under the router's own address, outbound under each peer's, in state order. */
function expected(state: RouterState) {
  const byDestination = new Map<string, EspSaView[]>();
  const add = (address: string, sas: EspSaView[]) => {
    if (sas.length === 0) return;
    byDestination.set(address, [...(byDestination.get(address) ?? []), ...sas]);
  };
  for (const peer of state.ipsecSas) {
    add(peer.local, peer.inbound);
    add(peer.remote, peer.outbound);
  }
  return [...byDestination].map(([destination, sas]) => ({
    destination,
    sas: sas.map((sa) => ({
      protocol: 'esp',
      spi: hex(sa.spi),
      transform: sa.transform,
      mode: sa.mode.toLowerCase(),
      udpEncaps: sa.natT,
      connId: sa.connId,
      cryptoMap: 'Tunnel0-head-0',
      remainingKilobytes: sa.remainingKb,
      remainingSeconds: sa.remainingSeconds,
      status: 'ACTIVE(ACTIVE)',
    })),
  }));
}

function roundTrip(state: RouterState) {
  return parseRendered<IpsecSaDestination>(
    'show crypto ipsec sa address',
    renderShowCryptoIpsecSaAddress(state),
  ).map((record) => ({
    destination: record.destination,
    sas: record.sas.map(({ protocol, spi, transform, mode, udpEncaps, connId, cryptoMap, ...rest }) => ({
      protocol,
      spi,
      transform,
      mode,
      udpEncaps,
      connId,
      cryptoMap,
      remainingKilobytes: rest.remainingKilobytes,
      remainingSeconds: rest.remainingSeconds,
      status: rest.status,
    })),
  }));
}

describe('show crypto ipsec sa address round trip', () => {
  it.each([
    ['a hub with spokes in every condition, IKEv1', () => cryptoHub(10, 'v1')],
    ['a spoke with shortcut SAs behind NAT, IKEv2', () => cryptoSpoke('v2')],
  ])('gives back every SA of %s under its destination', (_, build) => {
    const state = build();
    const records = roundTrip(state);
    expect(records).toEqual(expected(state));
    expect(records[0]!.destination).toBe(state.ipsecSas[0]!.local);
  });

  it('prints nothing for a router without SAs', () => {
    expect(renderShowCryptoIpsecSaAddress(emptyState('r1', 'spoke'))).toBe('');
  });

  it('lays out each destination as the command reference does: dest address, protocol, then the SAs', () => {
    const lines = renderShowCryptoIpsecSaAddress(cryptoHub(1, 'v1')).split('\n');
    expect(lines.slice(0, 4).map((line) => line.replace(/[\d.A-Fx()]+$/, ''))).toEqual([
      'dest address: ',
      '   protocol: ESP',
      '      spi: ',
      '        transform: esp-256-aes esp-sha256-hmac ,',
    ]);
  });
});
