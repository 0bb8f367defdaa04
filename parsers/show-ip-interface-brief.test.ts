import { describe, expect, it } from 'vitest';
import { readCapture } from '../test/fixture-files.js';
import { resolveCommand } from './registry/index.js';
import { showIpInterfaceBrief } from './show-ip-interface-brief.js';

// The captures of this command have no upstream parse: their reviewed `.parsed.json` is the ground truth, checked
// by test/fixtures.test.ts. These tests pin the readings a DMVPN engineer relies on.

const HEADER = 'Interface              IP-Address      OK? Method Status                Protocol';

describe('show ip interface brief', () => {
  it('a hub lists its tunnels with their overlay addresses, all up/up', () => {
    const { records, warnings } = showIpInterfaceBrief.parse(
      readCapture(
        'show_ip_interface_brief',
        'skydevil56_otus_network_engineer_professional__r13_hub_tunnel0-1-10.raw',
      ),
    );
    expect(warnings).toEqual([]);
    expect(
      records
        .filter((row) => row.name.startsWith('Tunnel'))
        .map(({ name, ipAddress, method, adminUp, operUp }) => ({
          name,
          ipAddress,
          method,
          adminUp,
          operUp,
        })),
    ).toEqual([
      { name: 'Tunnel0', ipAddress: '192.168.3.1', method: 'manual', adminUp: true, operUp: true },
      { name: 'Tunnel1', ipAddress: '192.168.4.1', method: 'manual', adminUp: true, operUp: true },
      { name: 'Tunnel10', ipAddress: '10.101.0.1', method: 'manual', adminUp: true, operUp: true },
    ]);
  });

  it('unassigned, administratively down ports have no address and are neither admin nor oper up', () => {
    const { records } = showIpInterfaceBrief.parse(
      readCapture(
        'show_ip_interface_brief',
        'skydevil56_otus_network_engineer_professional__r61_spoke_tunnel10-20.raw',
      ),
    );
    expect(records).toHaveLength(11);
    expect(records[1]).toEqual({
      kind: 'interface_brief',
      line: 3,
      name: 'Ethernet0/1',
      ipAddress: null,
      ok: true,
      method: 'NVRAM',
      status: 'administratively down',
      protocol: 'down',
      adminUp: false,
      operUp: false,
    });
  });

  it('a tunnel that is up/down (no route to its destination) is admin up, oper down', () => {
    const { records } = showIpInterfaceBrief.parse(
      `${HEADER}\nTunnel100              10.0.0.11       YES NVRAM  up                    down    \n`,
    );
    expect(records[0]).toMatchObject({
      name: 'Tunnel100',
      status: 'up',
      protocol: 'down',
      adminUp: true,
      operUp: false,
    });
  });

  it('`| include Tunnel` output has no header and still gives every tunnel row', () => {
    const resolution = resolveCommand('sh ip int br | include Tunnel');
    expect(resolution.ok && resolution.command.filtered).toBe(true);
    const { records, warnings, error } = showIpInterfaceBrief.parse(
      [
        'Tunnel0                    10.100.0.1      YES manual up                    up      ',
        'Tunnel1                    unassigned      YES unset  administratively down down    ',
      ].join('\n'),
      { filtered: true },
    );
    expect(error).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(records.map((row) => [row.name, row.ipAddress, row.status])).toEqual([
      ['Tunnel0', '10.100.0.1', 'up'],
      ['Tunnel1', null, 'administratively down'],
    ]);
  });

  it('a row truncated mid-line is a warning, the rows around it are kept', () => {
    const { records, warnings } = showIpInterfaceBrief.parse(
      [
        HEADER,
        'Tunnel0   10.0.0.1   YES manual up   up',
        'Tunnel1   10.0.1.1   YES man',
        'Loopback0  1.1.1.1  YES NVRAM  up  up',
      ].join('\n'),
    );
    expect(records.map((row) => row.name)).toEqual(['Tunnel0', 'Loopback0']);
    expect(warnings).toMatchObject([{ line: 3, text: 'Tunnel1   10.0.1.1   YES man' }]);
  });

  it('empty output, the router refusing the command and garbage give a clear error', () => {
    expect(showIpInterfaceBrief.parse('\n\n').error?.kind).toBe('empty');
    expect(
      showIpInterfaceBrief.parse(
        "show ip interface brif\n                  ^\n% Invalid input detected at '^' marker.\n",
      ).error?.kind,
    ).toBe('invalid-input');
    const garbage = showIpInterfaceBrief.parse('%%%% \n#### garbage');
    expect(garbage.records).toEqual([]);
    expect(garbage.error?.kind).toBe('not-recognized');
  });
});
