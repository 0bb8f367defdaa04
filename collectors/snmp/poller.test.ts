import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLiveLab } from '../../lab/live/live-lab.js';
import type { LabSnmpService, LabSnmpSettings } from '../../lab/live/services.js';
import type { LiveLab } from '../../lab/live/types.js';
import { startLabSnmp } from '../../lab/snmp/agent.js';
import type { InventoryDevice, SnmpAccess } from '../inventory/device.js';
import { Secret } from '../inventory/secret.js';
import { pollSnmp } from './poller.js';

const V3 = {
  user: 'labv3',
  authProtocol: 'sha',
  authKey: 'auth-pass-123',
  privProtocol: 'aes',
  privKey: 'priv-pass-456',
} as const;
const settings = (routerPorts: LabSnmpSettings['routerPorts']): LabSnmpSettings => ({
  host: '127.0.0.1',
  sharedPort: 0,
  routerPorts,
  community: 'lab-public',
  v3: V3,
});

function device(name: string, snmp: SnmpAccess | null): InventoryDevice {
  return {
    name,
    host: '127.0.0.1',
    port: 22,
    role: name.startsWith('hub') ? 'hub' : 'spoke',
    platform: 'iosxe',
    username: 'netops',
    password: new Secret('lab', 'inline'),
    enableSecret: null,
    legacySsh: false,
    snmp,
    pollIntervalSeconds: 60,
    commandTimeoutSeconds: 10,
    extraCommands: [],
  };
}

function v2c(agent: LabSnmpService, hostname: string, community?: string): InventoryDevice {
  const access = agent.access(hostname);
  return device(hostname, {
    version: '2c',
    port: access.port,
    community: new Secret(community ?? access.community, 'inline'),
  });
}

function v3(
  agent: LabSnmpService,
  hostname: string,
  keys: { user?: string; authKey?: string; privKey?: string } = {},
): InventoryDevice {
  const access = agent.access(hostname);
  const user = { ...V3, ...keys };
  return device(hostname, {
    version: '3',
    port: access.port,
    user: user.user,
    authProtocol: 'sha',
    authKey: new Secret(user.authKey, 'inline'),
    privProtocol: 'aes',
    privKey: new Secret(user.privKey, 'inline'),
    context: access.context,
  });
}

/** The peers `show crypto session` prints UP-ACTIVE: the phase-2 tunnels the agent must list. */
function activeCryptoPeers(lab: LiveLab, hostname: string): string[] {
  const output = lab.run(hostname, 'show crypto session');
  const peers: string[] = [];
  let status = '';
  for (const line of output.split('\n')) {
    const statusLine = /^Session status: (\S+)/.exec(line);
    if (statusLine) status = statusLine[1]!;
    const peer = /^Peer: (\S+)/.exec(line);
    if (peer && status === 'UP-ACTIVE') peers.push(peer[1]!);
  }
  return peers.sort();
}

// spoke1 cannot authenticate (wrong pre-shared key): the hub has IPsec with spoke2 and spoke3 only. The lab clock
// barely moves (speed 0.001), so the agent and the show commands see the same lab second.
let lab: LiveLab;
let perRouter: LabSnmpService;
let shared: LabSnmpService;
beforeAll(async () => {
  lab = createLiveLab({ spokes: 3 }, { speed: 0.001, faults: ['psk-mismatch@spoke1'] });
  lab.advance(900);
  perRouter = await startLabSnmp(lab, settings({ basePort: 0 }));
  shared = await startLabSnmp(lab, settings(null));
});
afterAll(async () => {
  await Promise.all([perRouter?.close(), shared?.close()]);
  lab?.close();
});

describe('SNMP poll of the lab agent', () => {
  it('reads a hub over v2c: interfaces, IKE and IPsec tunnels joined, NHRP clients, matching its show output', async () => {
    const result = await pollSnmp(v2c(perRouter, 'hub1'));
    expect(result.errors).toEqual([]);
    expect(result.system.sysName).toBe('hub1');
    expect(result.system.upTimeSeconds).toBeGreaterThan(0);
    const tunnel = result.interfaces.find((row) => row.name === 'Tunnel0')!;
    expect(tunnel).toMatchObject({
      type: 131,
      adminUp: true,
      operStatus: 'up',
      shortName: 'Tu0',
      octetCounterBits: 64,
    });
    expect(typeof tunnel.inOctets).toBe('bigint');

    const peers = activeCryptoPeers(lab, 'hub1');
    expect(peers).toHaveLength(2);
    expect(peers).not.toContain('198.18.0.1');
    expect(result.ipsec.tunnels.map((row) => row.remoteAddress).sort()).toEqual(peers);
    expect(result.ipsec.globals?.activeTunnels).toBe(peers.length);
    expect(result.ike.globals?.activeTunnels).toBe(result.ike.tunnels.length);
    for (const row of result.ipsec.tunnels) {
      const ike = result.ike.tunnels.find((phase1) => phase1.index === row.ikeTunnel);
      expect(row.ikeJoin).toBe('ike-index');
      expect(ike?.remoteAddress).toBe(row.remoteAddress);
      expect(typeof row.inOctets).toBe('bigint');
      expect(row.endpoints).toEqual([
        expect.objectContaining({
          localProtocol: 47,
          remoteAddress1: row.remoteAddress,
          localAddress1: row.localAddress,
        }),
      ]);
    }
    expect(result.nhrp.nhc.map((row) => row.nhcNbma).sort()).toEqual(peers);
    expect(result.nhrp.cache.every((row) => row.interface === 'Tunnel0')).toBe(true);
    expect(result.timings.map((timing) => timing.table)).toEqual([
      'system',
      'ifTable+ifXTable',
      'cikeGlobalStats',
      'cikeTunnelTable',
      'cipSecGlobalStats',
      'cipSecTunnelTable+cipSecEndPtTable',
      'nhrpCacheTable+nhrpClientNhsTable+nhrpServerNhcTable',
    ]);
  });

  it('reads a spoke over v3 authPriv with its context on the shared port, and over v2c COMMUNITY@hostname', async () => {
    const overV3 = await pollSnmp(v3(shared, 'spoke2'));
    expect(overV3.errors).toEqual([]);
    expect(overV3.system.sysName).toBe('spoke2');
    expect(overV3.nhrp.nhs).toEqual([
      expect.objectContaining({ nhsTunnel: '10.0.0.1', nhsNbma: '203.0.113.1', inUse: true }),
    ]);
    expect(overV3.ipsec.tunnels.map((row) => row.remoteAddress)).toEqual(activeCryptoPeers(lab, 'spoke2'));
    const overV2c = await pollSnmp(v2c(shared, 'spoke2'));
    expect(overV2c.errors).toEqual([]);
    expect(overV2c.interfaces).toEqual(overV3.interfaces);
  });

  it('a fault injected on spoke1 removes its phase-2 row from the hub, as show crypto session does', async () => {
    const live = createLiveLab({ spokes: 3 }, { speed: 0.001 });
    const agent = await startLabSnmp(live, settings({ basePort: 0 }));
    try {
      live.advance(900);
      const before = await pollSnmp(v2c(agent, 'hub1'));
      expect(before.ipsec.tunnels.map((row) => row.remoteAddress).sort()).toEqual(
        activeCryptoPeers(live, 'hub1'),
      );
      expect(before.ipsec.tunnels.map((row) => row.remoteAddress)).toContain('198.18.0.1');
      live.injectFault('tunnel-admin-down', 'spoke1');
      live.advance(60);
      const peers = activeCryptoPeers(live, 'hub1');
      expect(peers).toHaveLength(2);
      // The agent keeps a router's MIB for a few build times when the clock moves, and advance() jumps it a minute.
      let after = await pollSnmp(v2c(agent, 'hub1'));
      const deadline = Date.now() + 5000;
      while (after.ipsec.tunnels.length !== peers.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = await pollSnmp(v2c(agent, 'hub1'));
      }
      expect(after.ipsec.tunnels.map((row) => row.remoteAddress).sort()).toEqual(peers);
      expect(after.ipsec.tunnels.map((row) => row.remoteAddress)).not.toContain('198.18.0.1');
      expect(after.nhrp.nhc.map((row) => row.nhcNbma)).not.toContain('198.18.0.1');
    } finally {
      await agent.close();
      live.close();
    }
  });

  it('a fault on spoke1 from the start: no phase-2 row on spoke1 at all', async () => {
    const spoke = await pollSnmp(v2c(perRouter, 'spoke1'));
    expect(spoke.errors).toEqual([]);
    expect(spoke.ipsec.tunnels).toEqual([]);
    expect(activeCryptoPeers(lab, 'spoke1')).toEqual([]);
  });
});

describe('SNMP poll failures', () => {
  const quick = { timeoutMs: 300, retries: 0 };

  it('turns a wrong community into a timeout naming the device, and skips the rest of the poll', async () => {
    const result = await pollSnmp(v2c(perRouter, 'hub1', 'guess'), quick);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]!.message).toMatch(
      /^hub1: no SNMP answer from 127\.0\.0\.1:\d+ within 0\.3 s \(1 tries\)/,
    );
    expect(result.errors[1]).toEqual({
      table: 'interfaces,ike,ipsec,nhrp',
      message: 'hub1: skipped after the timeout',
    });
    expect(result.system.sysName).toBeNull();
  });

  it('turns wrong v3 keys and an unknown v3 user into errors naming the device', async () => {
    for (const keys of [{ authKey: 'wrong-key-999' }, { privKey: 'wrong-key-999' }]) {
      const result = await pollSnmp(v3(shared, 'hub1', keys), quick);
      expect(result.errors[0]!.message).toMatch(
        /^hub1: no SNMP answer .*v3 user "labv3", its keys and context "hub1"/,
      );
      expect(result.interfaces).toEqual([]);
    }
    const unknown = await pollSnmp(v3(shared, 'hub1', { user: 'nobody' }), quick);
    expect(unknown.errors).toEqual([
      {
        table: 'system',
        message: expect.stringMatching(
          /^hub1: SNMPv3 with 127\.0\.0\.1:\d+ failed: Unknown User Name; check v3 user "nobody"/,
        ),
      },
      { table: 'interfaces,ike,ipsec,nhrp', message: 'hub1: skipped after the SNMPv3 failure' },
    ]);
  });

  it('reports a device without SNMP settings', async () => {
    const result = await pollSnmp(device('spoke9', null));
    expect(result.errors).toEqual([
      { table: 'session', message: 'spoke9: no SNMP settings in the inventory' },
    ]);
  });
});
