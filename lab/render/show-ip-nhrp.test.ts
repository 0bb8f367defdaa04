import { describe, expect, it } from 'vitest';
import type { NhrpCacheEntry } from '../../model/records/nhrp-cache.js';
import type { NhrpCacheView, RouterState } from '../model/state.js';
import {
  asShown,
  cacheEntry,
  emptyState,
  largeHubState,
  mixedHubState,
  phase3SpokeState,
} from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowIpNhrp } from './show-ip-nhrp.js';

function expected(state: RouterState, preference: number | null) {
  return state.nhrpCache.map((view) => ({
    target: view.target,
    via: view.via,
    interface: view.interface,
    createdSeconds: asShown(view.createdSeconds),
    expiresSeconds: asShown(view.expiresSeconds),
    type: view.type,
    flags: view.flags,
    nbma: view.nbma,
    claimedNbma: view.claimedNbma,
    noSocket: view.noSocket,
    preference,
  }));
}

function actual(records: NhrpCacheEntry[]) {
  return records.map((record) => ({
    target: record.target,
    via: record.via,
    interface: record.interface,
    createdSeconds: record.createdSeconds,
    expiresSeconds: record.expiresSeconds,
    type: record.type,
    flags: record.flags,
    nbma: record.nbma,
    claimedNbma: record.claimedNbma,
    noSocket: record.noSocket,
    preference: record.preference,
  }));
}

describe('show ip nhrp round trip', () => {
  it.each([
    [
      'a hub (registered, NATed with a claimed address, incomplete negative, static local no-socket)',
      mixedHubState,
    ],
    ['a phase 3 spoke (static hub, rib and nho shortcut entries, no flags at all)', phase3SpokeState],
  ])('gives back every entry of %s', (_, build) => {
    const state = build();
    expect(actual(parseRendered('show ip nhrp', renderShowIpNhrp(state)))).toEqual(expected(state, null));
    expect(actual(parseRendered('show ip nhrp detail', renderShowIpNhrp(state, true)))).toEqual(
      expected(state, 255),
    );
  });

  it('prints nothing for an empty cache', () => {
    expect(renderShowIpNhrp(emptyState('spoke9', 'spoke'))).toBe('');
  });

  it('reads back the 5,000 entries of a 5,000-spoke hub,', () => {
    const state = largeHubState(5_000);
    const records = parseRendered<NhrpCacheEntry>('show ip nhrp', renderShowIpNhrp(state));
    expect(actual(records)).toEqual(expected(state, null));
  });
});

describe('show ip nhrp format, against real captures', () => {
  /** The entries of the genie capture (its `show ip nhrp` echo aside). */
  const genieEntries: NhrpCacheView[] = [
    cacheEntry({
      interface: 'Tunnel100',
      target: '100.0.0.2/32',
      createdSeconds: 32,
      expiresSeconds: 147,
      flags: ['router', 'nhop', 'rib'],
      nbma: '103.1.1.1',
    }),
    cacheEntry({
      interface: 'Tunnel100',
      target: '100.0.0.100/32',
      createdSeconds: 10 * 604_800 + 2 * 86_400,
      type: 'static',
      nbma: '101.1.1.1',
    }),
    cacheEntry({
      interface: 'Tunnel100',
      target: '123.1.1.0/24',
      via: '100.0.0.2',
      createdSeconds: 32,
      expiresSeconds: 147,
      flags: ['router', 'rib'],
      nbma: '103.1.1.1',
    }),
    cacheEntry({
      interface: 'Tunnel100',
      target: '100.0.0.1/32',
      createdSeconds: 32,
      expiresSeconds: 149,
      flags: ['router', 'unique', 'local'],
      nbma: '102.1.1.1',
      noSocket: true,
    }),
    cacheEntry({
      interface: 'Tunnel111',
      target: '111.0.0.100/32',
      createdSeconds: 10 * 604_800 + 2 * 86_400,
      type: 'static',
      nbma: '111.1.1.1',
    }),
  ];

  it('prints the genie capture line for line', () => {
    const state = emptyState('R1', 'spoke');
    state.nhrpCache = genieEntries;
    expect(renderShowIpNhrp(state).split('\n')).toEqual([
      ...captureLines('show_ip_nhrp', 'genie__golden_output_output.txt').slice(1),
      '',
    ]);
  });

  it('prints the detail capture line for line, but for the requester of a local entry, which the view does not hold', () => {
    const state = emptyState('R1', 'spoke');
    state.nhrpCache = genieEntries.map((entry) => ({
      ...entry,
      createdSeconds: entry.createdSeconds === 32 ? 42 : entry.createdSeconds,
      expiresSeconds: entry.expiresSeconds === null ? null : entry.expiresSeconds - 10,
    }));
    const capture = captureLines('show_ip_nhrp_detail', 'genie__golden_output_output.txt')
      .slice(1)
      .filter((line) => !line.includes('Requester:'));
    expect(renderShowIpNhrp(state, true).split('\n')).toEqual([...capture, '']);
  });

  it('prints an IOS-XE spoke capture, with its no-socket entry, line for line', () => {
    const state = emptyState('R27', 'spoke');
    const created = 17 * 60 + 20;
    const learned = 5 * 60 + 53;
    const expires = 3_600 + 54 * 60 + 6;
    state.nhrpCache = [
      cacheEntry({
        target: '10.100.0.1/32',
        createdSeconds: created,
        type: 'static',
        flags: ['used'],
        nbma: '158.43.6.2',
      }),
      cacheEntry({
        target: '10.100.0.2/32',
        createdSeconds: created,
        type: 'static',
        flags: ['used'],
        nbma: '78.10.12.2',
      }),
      cacheEntry({
        target: '10.100.0.10/32',
        createdSeconds: learned,
        expiresSeconds: expires,
        flags: ['router', 'used', 'nhop'],
        nbma: '23.7.9.10',
      }),
      cacheEntry({
        target: '10.100.0.20/32',
        createdSeconds: learned,
        expiresSeconds: expires,
        flags: ['router', 'unique', 'local'],
        nbma: '23.7.9.18',
        noSocket: true,
      }),
    ];
    expect(renderShowIpNhrp(state).split('\n')).toEqual([
      ...captureLines('show_ip_nhrp', 'dchirkov_otus-netpro-2025-02__r27_spoke_nosocket.raw'),
      '',
    ]);
  });
});
