import { describe, expect, it } from 'vitest';
import type { NhrpCacheSummary } from '../../model/records/nhrp-cache.js';
import type { RouterState } from '../model/state.js';
import {
  cacheEntry,
  emptyState,
  largeHubState,
  mixedHubState,
  phase3SpokeState,
} from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowIpNhrpSummary } from './show-ip-nhrp-summary.js';

function count(state: RouterState, test: (flags: string[], type: string) => boolean): number {
  return state.nhrpCache.filter((entry) => test(entry.flags, entry.type)).length;
}

function expected(state: RouterState) {
  const remote = (type: string) => count(state, (flags, t) => t === type && !flags.includes('local'));
  const local = (type: string) => count(state, (flags, t) => t === type && flags.includes('local'));
  const rib = count(state, (flags) => flags.includes('rib'));
  const nho = count(state, (flags) => flags.includes('nho'));
  return {
    family: 'ipv4',
    entries: state.nhrpCache.length,
    bytes: state.nhrpCache.length * 784,
    static: count(state, (_, type) => type === 'static'),
    dynamic: count(state, (_, type) => type === 'dynamic'),
    incomplete: count(state, (_, type) => type === 'incomplete'),
    remote: {
      entries: count(state, (flags) => !flags.includes('local')),
      static: remote('static'),
      dynamic: remote('dynamic'),
      incomplete: remote('incomplete'),
      nhop: count(state, (flags) => flags.includes('nhop')),
      bfd: 0,
      default: 0,
      temporary: 0,
      routes: rib + nho,
      rib: rib + nho,
      ribNhrpRoutes: rib,
      ribNextHopOverrides: nho,
      bgp: 0,
      lfib: 0,
    },
    local: {
      entries: count(state, (flags) => flags.includes('local')),
      static: local('static'),
      dynamic: local('dynamic'),
      incomplete: local('incomplete'),
      lfib: 0,
    },
  };
}

describe('show ip nhrp summary', () => {
  it.each([
    ['a hub with registered, incomplete and local entries', mixedHubState],
    ['a phase 3 spoke with rib and nho shortcut entries', phase3SpokeState],
    ['a router with an empty cache', () => emptyState('spoke9', 'spoke')],
  ])('reads back the counts of %s', (_, build) => {
    const state = build();
    const [summary] = parseRendered<NhrpCacheSummary>('show ip nhrp summary', renderShowIpNhrpSummary(state));
    expect(summary).toMatchObject(expected(state));
  });

  it('the states above hold local, incomplete, rib and nho entries, so each count is exercised', () => {
    const hub = expected(mixedHubState());
    const spoke = expected(phase3SpokeState());
    const exercised = [
      hub.local.entries,
      hub.remote.incomplete,
      spoke.remote.ribNhrpRoutes,
      spoke.remote.ribNextHopOverrides,
    ];
    expect(Math.min(...exercised)).toBeGreaterThan(0);
  });

  it('reads back a 5,000-spoke hub', () => {
    const [summary] = parseRendered<NhrpCacheSummary>(
      'show ip nhrp summary',
      renderShowIpNhrpSummary(largeHubState(5_000)),
    );
    expect(summary).toMatchObject({ entries: 5_000, dynamic: 5_000, remote: { nhop: 5_000 } });
  });

  it('prints the capture line for line for the same cache (one dynamic nhop entry)', () => {
    const state = emptyState('spoke1', 'spoke');
    state.nhrpCache = [cacheEntry({ target: '10.0.0.1/32', flags: ['router', 'nhop'] })];
    expect(renderShowIpNhrpSummary(state)).toBe(
      `${captureLines('show_ip_nhrp_summary', 'genie__golden_output1_output.txt').join('\n')}\n`,
    );
  });
});
