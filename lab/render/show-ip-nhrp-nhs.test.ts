import { describe, expect, it } from 'vitest';
import type { NhsEntry } from '../../model/records/nhrp-server.js';
import type { NhsRecord } from '../../parsers/show-ip-nhrp-nhs.js';
import type { NhsView, RouterState } from '../model/state.js';
import { emptyState, mixedHubState, phase3SpokeState } from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowIpNhrpNhs } from './show-ip-nhrp-nhs.js';

function servers(command: string, text: string): NhsEntry[] {
  return parseRendered<NhsRecord>(command, text).filter(
    (record): record is NhsEntry => record.kind === 'nhrp_nhs',
  );
}

function expected(state: RouterState, detail: boolean) {
  return state.nhs.map((view) => ({
    interface: view.interface,
    nhs: view.nhs,
    nbma: view.nbma,
    flags: view.flags,
    up: view.flags.includes('R'),
    expecting: view.flags.includes('E'),
    priority: view.priority,
    cluster: view.cluster,
    reqSent: detail ? view.reqSent : null,
    reqFailed: detail ? view.reqFailed : null,
    replRecv: detail ? view.replRecv : null,
    lastReplySecondsAgo: detail ? view.lastReplySecondsAgo : null,
  }));
}

function actual(records: NhsEntry[]) {
  return records.map((record) => ({
    interface: record.interface,
    nhs: record.nhs,
    nbma: record.nbma,
    flags: record.flags,
    up: record.up,
    expecting: record.expecting,
    priority: record.priority,
    cluster: record.cluster,
    reqSent: record.reqSent,
    reqFailed: record.reqFailed,
    replRecv: record.replRecv,
    lastReplySecondsAgo: record.lastReplySecondsAgo,
  }));
}

describe('show ip nhrp nhs round trip', () => {
  it('gives back a spoke with a responding NHS on Tunnel0 and a silent one (never replied) on Tunnel1', () => {
    const state = phase3SpokeState();
    expect(actual(servers('show ip nhrp nhs', renderShowIpNhrpNhs(state)))).toEqual(expected(state, false));
    expect(actual(servers('show ip nhrp nhs detail', renderShowIpNhrpNhs(state, true)))).toEqual(
      expected(state, true),
    );
  });

  it('gives back large counters, a waiting NHS without flags of its own, and a reply more than a day old', () => {
    const state = emptyState('spoke7', 'spoke');
    const base: NhsView = phase3SpokeState().nhs[0]!;
    state.nhs = [
      { ...base, reqSent: 4_294_967_295, replRecv: 4_294_967_290, lastReplySecondsAgo: 90_061 },
      {
        ...base,
        nhs: '10.0.0.254',
        nbma: '192.0.2.254',
        flags: 'W',
        priority: 255,
        cluster: 7,
        reqSent: 0,
        replRecv: 0,
      },
      {
        ...base,
        nhs: '10.0.0.253',
        nbma: null,
        flags: '',
        reqSent: 3,
        reqFailed: 3,
        replRecv: 0,
        lastReplySecondsAgo: null,
      },
    ];
    expect(actual(servers('show ip nhrp nhs detail', renderShowIpNhrpNhs(state, true)))).toEqual(
      expected(state, true),
    );
  });

  it('prints the legend alone on a hub, which has no NHS', () => {
    const text = renderShowIpNhrpNhs(mixedHubState(), true);
    expect(text).toBe('Legend: E=Expecting replies, R=Responding, W=Waiting, D=Dynamic\n\n');
    expect(servers('show ip nhrp nhs detail', text)).toEqual([]);
  });
});

describe('show ip nhrp nhs format, against real captures', () => {
  const genieState = (): RouterState => {
    const state = emptyState('R1', 'spoke');
    state.nhs = [
      {
        interface: 'Tunnel100',
        nhs: '100.0.0.100',
        nbma: '101.1.1.1',
        flags: 'RE',
        priority: 0,
        cluster: 0,
        reqSent: 105_434,
        reqFailed: 0,
        replRecv: 105_434,
        lastReplySecondsAgo: 58,
      },
      {
        interface: 'Tunnel100',
        nhs: '172.16.0.1',
        nbma: null,
        flags: 'E',
        priority: 0,
        cluster: 0,
        reqSent: 124_175,
        reqFailed: 0,
        replRecv: 0,
        lastReplySecondsAgo: null,
      },
    ];
    return state;
  };

  it('prints the plain capture line for line', () => {
    const capture = captureLines('show_ip_nhrp_nhs', 'genie__golden_output_2_output.txt').slice(1);
    expect(renderShowIpNhrpNhs(genieState()).split('\n')).toEqual([...capture, '']);
  });

  it('prints the NHS lines of the detail capture exactly (its request-id and pending lines the view does not hold)', () => {
    const capture = captureLines('show_ip_nhrp_nhs_detail', 'genie__golden_output_2_output.txt');
    const rendered = renderShowIpNhrpNhs(genieState(), true).split('\n');
    expect(rendered.slice(0, 4)).toEqual([capture[1], capture[2], capture[3], capture[6]]);
  });
});

describe('show ip nhrp nhs <interface> [detail]', () => {
  it("keeps the named tunnel's servers, reads back with the interface argument", () => {
    const state = phase3SpokeState();
    for (const detail of [false, true]) {
      const command = `show ip nhrp nhs tunnel 1${detail ? ' detail' : ''}`;
      const records = actual(servers(command, renderShowIpNhrpNhs(state, detail, 'Tunnel1')));
      expect(records).toEqual(expected(state, detail).filter((entry) => entry.interface === 'Tunnel1'));
      expect(records).toHaveLength(1);
    }
  });

  it('prints the legend alone for an interface without NHS, as the hub does', () => {
    expect(renderShowIpNhrpNhs(phase3SpokeState(), true, 'GigabitEthernet1')).toBe(
      'Legend: E=Expecting replies, R=Responding, W=Waiting, D=Dynamic\n\n',
    );
  });
});
