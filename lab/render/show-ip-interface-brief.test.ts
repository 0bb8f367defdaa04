import { describe, expect, it } from 'vitest';
import type { InterfaceBrief } from '../../model/records/system.js';
import type { RouterState } from '../model/state.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { BRIEF_HEADING, renderShowIpInterfaceBrief } from './show-ip-interface-brief.js';
import { expectAlignedRows } from './system-test-format.js';
import { brokenSpokeState, hubState } from './system-test-states.js';

function rows(state: RouterState, words: string[] = []) {
  return parseRendered<InterfaceBrief>(
    ['show ip interface brief', ...words].join(' '),
    renderShowIpInterfaceBrief(state, words),
  ).map(({ name, ipAddress, ok, method, status, protocol, adminUp, operUp }) => ({
    name,
    ipAddress,
    ok,
    method,
    status,
    protocol,
    adminUp,
    operUp,
  }));
}

describe('show ip interface brief round trip', () => {
  it('gives back every interface of a hub with its address and states', () => {
    const state = hubState();
    expect(rows(state)).toEqual(
      state.interfaces.map((view) => ({
        name: view.name,
        ipAddress: view.address,
        ok: true,
        method: 'NVRAM',
        status: 'up',
        protocol: 'up',
        adminUp: true,
        operUp: true,
      })),
    );
  });

  it('prints shut interfaces administratively down, a tunnel whose linestate failed up/down, no address unassigned', () => {
    expect(
      rows(brokenSpokeState()).map(({ name, ipAddress, status, protocol }) => [
        name,
        ipAddress,
        status,
        protocol,
      ]),
    ).toEqual([
      ['GigabitEthernet1', '198.18.0.7', 'down', 'down'],
      ['GigabitEthernet2', null, 'administratively down', 'down'],
      ['Loopback9', null, 'up', 'up'],
      ['Tunnel0', '10.0.0.17', 'up', 'down'],
      ['Tunnel1', '10.1.0.17', 'administratively down', 'down'],
    ]);
  });

  it('prints one interface when the command names it', () => {
    expect(rows(hubState(), ['Tu0']).map((row) => row.name)).toEqual(['Tunnel0']);
  });
});

describe('show ip interface brief format against a real capture', () => {
  const capture = captureLines(
    'show_ip_interface_brief',
    'john-clarkson_cisco-labs__sender-source_fastethernet_pim-tunnel0.raw',
  );

  it('prints the same heading', () => {
    expect(renderShowIpInterfaceBrief(hubState()).split('\n')[0]).toBe(capture[0]);
    expect(BRIEF_HEADING).toBe(capture[0]);
  });

  it('puts every column where IOS does, padding the protocol column as IOS does', () => {
    const state = brokenSpokeState();
    state.interfaces.push(...hubState().interfaces);
    const rendered = renderShowIpInterfaceBrief(state).split('\n').slice(1, -1);
    const up = rendered.find((line) => line.startsWith('GigabitEthernet2       172.16.1.1 '))!;
    const shut = rendered.find((line) => line.startsWith('GigabitEthernet2       unassigned '))!;
    expect(up.replace('NVRAM ', 'manual')).toBe(
      capture[1]!.replace('FastEthernet0/0 ', 'GigabitEthernet2').replace('45.1.1.5  ', '172.16.1.1'),
    );
    expect(shut.replace('NVRAM', 'unset')).toBe(capture[2]!.replace('FastEthernet1/0 ', 'GigabitEthernet2'));
    expect(expectAlignedRows(rendered, capture.slice(1))).toBeGreaterThan(0);
  });
});
