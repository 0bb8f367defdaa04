import { describe, expect, it } from 'vitest';
import type { InterfaceDetail } from '../../model/records/system.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import type { InterfaceView, RouterState } from '../model/state.js';
import { asShown } from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowInterfaces } from './show-interfaces.js';
import { brokenSpokeState, dmvpnTunnel, hubState, vnic } from './system-test-states.js';
import { shape } from './system-test-format.js';

function parsed(state: RouterState, command = 'show interfaces'): InterfaceDetail[] {
  const args = resolveCommand(command);
  if (!args.ok) throw new Error(args.error);
  return parseRendered<InterfaceDetail>(command, renderShowInterfaces(state, args.command.args));
}

function prefixLength(mask: string | null): number | null {
  return mask === null
    ? null
    : mask.split('.').reduce((bits, octet) => bits + Number(octet).toString(2).split('1').length - 1, 0);
}

/** Every value the state carries, as the parser must give it back. */
function expected(view: InterfaceView) {
  const tunnel = view.tunnel;
  return {
    name: view.name,
    adminUp: view.adminUp,
    operUp: view.operUp,
    ipAddress: view.address,
    prefixLength: view.address === null ? null : prefixLength(view.mask),
    mtu: view.mtu,
    bandwidthKbps: view.bandwidthKbps,
    lastInputSeconds: asShown(view.lastInputSeconds),
    lastOutputSeconds: asShown(view.lastOutputSeconds),
    inPackets: view.inPackets,
    inBytes: view.inBytes,
    outPackets: view.outPackets,
    outBytes: view.outBytes,
    inErrors: view.inErrors,
    outErrors: view.outErrors,
    tunnel: tunnel && {
      source: tunnel.source,
      sourceInterface: tunnel.sourceInterface,
      destination: tunnel.destination,
      protocol: tunnel.mode,
      multipoint: tunnel.mode === 'multi-GRE/IP',
      key: tunnel.key,
      protectionProfile: tunnel.protectionProfile,
      transportMtu: tunnel.transportMtu,
      linestate: tunnel.linestateDownReason === null ? 'up' : 'down',
      linestateReason: tunnel.linestateDownReason,
    },
  };
}

function actual(record: InterfaceDetail) {
  const tunnel = record.tunnel;
  return {
    name: record.name,
    adminUp: record.adminUp,
    operUp: record.operUp,
    ipAddress: record.ipAddress,
    prefixLength: record.prefixLength,
    mtu: record.mtu,
    bandwidthKbps: record.bandwidthKbps,
    lastInputSeconds: record.lastInputSeconds,
    lastOutputSeconds: record.lastOutputSeconds,
    inPackets: record.counters.inPackets,
    inBytes: record.inBytes,
    outPackets: record.counters.outPackets,
    outBytes: record.outBytes,
    inErrors: record.inErrors,
    outErrors: record.outErrors,
    tunnel: tunnel && {
      source: tunnel.source,
      sourceInterface: tunnel.sourceInterface,
      destination: tunnel.destination,
      protocol: tunnel.protocol,
      multipoint: tunnel.multipoint,
      key: tunnel.key,
      protectionProfile: tunnel.protectionProfile,
      transportMtu: tunnel.transportMtu,
      linestate: tunnel.linestate,
      linestateReason: tunnel.linestateReason,
    },
  };
}

describe('show interfaces round trip', () => {
  it('gives back a hub: vNICs with counters past 2^32, loopback, the protected mGRE tunnel with its key', () => {
    const state = hubState();
    const records = parsed(state);
    expect(records.map(actual)).toEqual(state.interfaces.map(expected));
    expect(records.find((record) => record.name === 'Tunnel0')?.tunnel).toMatchObject({
      key: 100,
      protection: 'IPSec',
      multipoint: true,
    });
  });

  it('gives back a broken spoke: carrier lost, shut LAN, p2p GRE without key or protection, linestate down, never', () => {
    const state = brokenSpokeState();
    const records = parsed(state);
    expect(records.map(actual)).toEqual(state.interfaces.map(expected));
    expect(records.map((record) => [record.name, record.status, record.lineProtocol])).toEqual([
      ['GigabitEthernet1', 'down', 'down'],
      ['GigabitEthernet2', 'administratively down', 'down'],
      ['Loopback9', 'up', 'up'],
      ['Tunnel0', 'up', 'down'],
      ['Tunnel1', 'administratively down', 'down'],
    ]);
  });

  it('prints the one interface a command names, however IOS lets it be abbreviated', () => {
    for (const command of ['show interfaces Tunnel0', 'sh int tu0', 'show interfaces tunnel 0']) {
      expect(parsed(hubState(), command).map((record) => record.name)).toEqual(['Tunnel0']);
    }
    expect(parsed(hubState(), 'show interfaces gi2').map((record) => record.name)).toEqual([
      'GigabitEthernet2',
    ]);
  });

  it('refuses an interface the router does not have, as IOS does', () => {
    const text = renderShowInterfaces(hubState(), ['Tunnel9']);
    const resolution = resolveCommand('show interfaces Tunnel9');
    if (!resolution.ok) throw new Error(resolution.error);
    expect(resolution.command.parser.parse(text).error?.kind).toBe('invalid-input');
    expect(renderShowInterfaces(hubState(), ['t', '0'])).toBe(text);
  });

  it('counts the tunnels sharing a source in the source-tracking subblock', () => {
    const lines = renderShowInterfaces(brokenSpokeState(), ['Tunnel1']).split('\n');
    expect(lines).toContain(
      '          Set of tunnels with source GigabitEthernet1, 2 members (includes iterators), on interface <OK>',
    );
  });
});

describe('show interfaces format against real captures', () => {
  /** The block of `name` in a capture, up to the next interface header. */
  function captureBlock(command: string, file: string, name: string): string[] {
    const lines = captureLines(command, file).map((line) => line.replace(/\r$/, ''));
    const start = lines.findIndex((line) => line.startsWith(`${name} is `));
    const end = lines.findIndex((line, index) => index > start && /^\S+ is .*line protocol/.test(line));
    return lines.slice(start, end < 0 ? undefined : end);
  }

  function renderedBlock(view: InterfaceView, hostname = 'hub1'): string[] {
    const state = hubState();
    state.hostname = hostname;
    state.interfaces = [view];
    return renderShowInterfaces(state).replace(/\n$/, '').split('\n');
  }

  it('a tunnel block is line for line the IOS-XE one (genie Tunnel7, GRE/IP sourced from an interface)', () => {
    const view = dmvpnTunnel('10.0.0.1', '9.45.21.231', {
      name: 'Tunnel7',
      address: null,
      operUp: false,
      mtu: 9976,
      bandwidthKbps: 100,
      lastInputSeconds: null,
      lastOutputSeconds: null,
      tunnel: {
        source: '9.45.21.231',
        sourceInterface: 'GigabitEthernet2',
        destination: null,
        mode: 'GRE/IP',
        key: null,
        protectionProfile: null,
        transportMtu: 1476,
        linestateDownReason: 'no IPv4 tunnel destination address',
      },
    });
    const capture = captureBlock(
      'show_interfaces',
      'genie__golden_interface_output_10_output.txt',
      'Tunnel7',
    );
    const withClearingNever = capture.map((line) => line.replace(/counters \S+$/, 'counters never'));
    expect(renderedBlock(view).map((line) => line.trimEnd())).toEqual(withClearingNever);
  });

  it('a protected tunnel prints its protection where IOS-XE does, after the bandwidth lines', () => {
    const capture = captureBlock(
      'show_interfaces',
      'genie__golden_interface_output_11_output.txt',
      'Tunnel10',
    );
    const rendered = renderedBlock(dmvpnTunnel('1.1.1.3', '1.1.10.10'));
    for (const lines of [capture, rendered]) {
      const protection = lines.findIndex((line) =>
        line.startsWith('  Tunnel protection via IPSec (profile "'),
      );
      expect(shape(lines[protection - 1]!)).toBe(shape('  Tunnel receive bandwidth 8000 (kbps)'));
      expect(lines[protection + 1]).toMatch(/^ {2}Last input /);
    }
  });

  it('a loopback block is line for line the real one (Loopback1 of the IOS capture)', () => {
    const view = vnic('Loopback1', '10.81.1.1', {
      mtu: 1514,
      bandwidthKbps: 8_000_000,
      lastInputSeconds: 3 * 3_600 + 3 * 60 + 52,
      lastOutputSeconds: null,
      outPackets: 19,
      outBytes: 1444,
    });
    const capture = captureBlock('show_interfaces__ios', 'genie__golden_output_output.txt', 'Loopback1');
    expect(renderedBlock(view)).toEqual(capture);
  });

  it('a vNIC prints the Ethernet counter lines of a real Gigabit interface, in its order', () => {
    const capture = captureBlock(
      'show_interfaces__ios',
      'genie__golden_output_output.txt',
      'GigabitEthernet0/2',
    );
    const counters = (lines: string[]) =>
      lines.slice(lines.findIndex((line) => / packets input, /.test(line))).map(shape);
    expect(counters(renderedBlock(vnic('GigabitEthernet1', '192.0.2.1')))).toEqual(counters(capture));
    const rendered = renderedBlock(vnic('GigabitEthernet1', '192.0.2.1'));
    for (const line of [
      '  output flow-control is unsupported, input flow-control is unsupported',
      '  ARP type: ARPA, ARP Timeout 04:00:00',
      '     reliability 255/255, txload 1/255, rxload 1/255',
      '  Queueing strategy: fifo',
      '  Output queue: 0/40 (size/max)',
    ]) {
      expect(capture).toContain(line);
      expect(rendered).toContain(line);
    }
    expect(rendered[1]).toMatch(
      /^ {2}Hardware is CSR vNIC, address is 5254\.00[0-9a-f]{2}\.[0-9a-f]{4} \(bia 5254\.00[0-9a-f]{2}\.[0-9a-f]{4}\)$/,
    );
  });
});
