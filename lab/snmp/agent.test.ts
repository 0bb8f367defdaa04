import snmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLiveLab } from '../live/live-lab.js';
import type { LabSnmpService } from '../live/services.js';
import type { LiveLab } from '../live/types.js';
import { trapsFromLogs } from '../traps/from-logs.js';
import { CNE, IF, IPSEC, NHRP } from '../traps/oids.js';
import { startLabSnmp } from './agent.js';
import {
  SETTINGS,
  byIndex,
  counter64,
  dotted,
  get,
  getBulk,
  getNext,
  v2cSession,
  v3Session,
  walk,
  type Session,
} from './test-client.js';

const SYS_NAME = '1.3.6.1.2.1.1.5.0';
const SYS_LOCATION = '1.3.6.1.2.1.1.6.0';
const IF_DESCR = '1.3.6.1.2.1.2.2.1.2';
const IF_HC_IN_OCTETS = '1.3.6.1.2.1.31.1.1.1.6';
const IF_HC_OUT_OCTETS = '1.3.6.1.2.1.31.1.1.1.10';
const CIKE_TUN_REMOTE_ADDR = '1.3.6.1.4.1.9.9.171.1.2.3.1.8';
const CIKE_TUN_ACTIVE_TIME = '1.3.6.1.4.1.9.9.171.1.2.3.1.16';
const CIP_TUN_IKE_INDEX = '1.3.6.1.4.1.9.9.171.1.3.2.1.2';
const CIP_TUN_REMOTE_ADDR = '1.3.6.1.4.1.9.9.171.1.3.2.1.5';
const CIP_TUN_IN_PKTS = '1.3.6.1.4.1.9.9.171.1.3.2.1.32';
const CIP_TUN_OUT_PKTS = '1.3.6.1.4.1.9.9.171.1.3.2.1.45';
const CIP_TUN_HC_IN_OCTETS = '1.3.6.1.4.1.9.9.171.1.3.2.1.27';
const CIP_TUN_HC_OUT_OCTETS = '1.3.6.1.4.1.9.9.171.1.3.2.1.40';
const CIP_END_PT_REMOTE_ADDR = '1.3.6.1.4.1.9.9.171.1.3.3.1.10';
const NHRP_CACHE_NBMA = '1.3.6.1.2.1.71.1.1.2.1.7';
const NHRP_CACHE_STATE = '1.3.6.1.2.1.71.1.1.2.1.10';
const IPSEC_MIB = '1.3.6.1.4.1.9.9.171';
const NHRP_MIB = '1.3.6.1.2.1.71';

/** The lab's packets are 420 bytes through the tunnels (lab/engine/counters.ts). */
const PACKET_BYTES = 420n;

async function withSession<T>(session: Session, use: (session: Session) => Promise<T>): Promise<T> {
  try {
    return await use(session);
  } finally {
    session.close();
  }
}

async function startedLab(spokes: number): Promise<{ lab: LiveLab; agent: LabSnmpService }> {
  const lab = createLiveLab({ spokes }, { speed: 0 });
  lab.advance(600);
  const agent = await startLabSnmp(lab, { ...SETTINGS, routerPorts: { basePort: 0 } });
  return { lab, agent };
}

/** An agent with the shared port only: access() then names it for every router. */
function sharedOnly(lab: LiveLab): Promise<LabSnmpService> {
  return startLabSnmp(lab, { ...SETTINGS, routerPorts: null });
}

describe('the lab SNMP agent', () => {
  let lab: LiveLab;
  let agent: LabSnmpService;
  let shared: LabSnmpService;

  beforeAll(async () => {
    ({ lab, agent } = await startedLab(3));
    shared = await sharedOnly(lab);
  });
  afterAll(async () => {
    await Promise.all([agent.close(), shared.close()]);
    lab.close();
  });

  it('answers v2c get, getNext, getBulk and walks on a router port', async () => {
    await withSession(v2cSession(agent.access('hub1')), async (session) => {
      expect((await get(session, [SYS_NAME]))[0]?.value?.toString()).toBe('hub1');
      const next = await getNext(session, [SYS_NAME]);
      expect(next[0]?.oid).toBe(SYS_LOCATION);
      const bulk = await getBulk(session, [SYS_NAME, IF_DESCR], 1, 3);
      expect(bulk.flat().map((varbind) => varbind.oid)).toEqual([
        SYS_LOCATION,
        `${IF_DESCR}.1`,
        `${IF_DESCR}.2`,
        `${IF_DESCR}.3`,
      ]);
      const names = await walk(session, IF_DESCR);
      expect(names.map((varbind) => varbind.value?.toString())).toEqual([
        'GigabitEthernet1',
        'GigabitEthernet2',
        'Tunnel0',
      ]);
    });
  });

  it('chooses the router by community@hostname and by v3 context on the shared port', async () => {
    const spoke2 = shared.access('spoke2');
    expect(spoke2).toMatchObject({ community: 'lab-ro@spoke2', context: 'spoke2' });
    expect(shared.access('hub1').port).toBe(spoke2.port);
    await withSession(v2cSession(spoke2), async (session) => {
      expect((await get(session, [SYS_NAME]))[0]?.value?.toString()).toBe('spoke2');
    });
    await withSession(v3Session(shared.access('spoke3')), async (session) => {
      expect((await get(session, [SYS_NAME]))[0]?.value?.toString()).toBe('spoke3');
    });
  });

  it('answers v3 authPriv (SHA, AES) with the empty context on a router port', async () => {
    await withSession(v3Session(agent.access('hub1')), async (session) => {
      const remotes = await walk(session, CIP_TUN_REMOTE_ADDR);
      expect(remotes.map((varbind) => dotted(varbind.value)).sort()).toEqual([
        '198.18.0.1',
        '198.18.0.2',
        '198.18.0.3',
      ]);
    });
  });

  it('gives a healthy hub the rows show dmvpn, show interfaces and show crypto show', async () => {
    const dmvpnPeers = [...lab.run('hub1', 'show dmvpn').matchAll(/^\s+\d+ (\S+)\s+(\S+)\s+UP\s/gm)].map(
      ([, nbma, tunnel]) => ({ nbma, tunnel }),
    );
    expect(dmvpnPeers).toHaveLength(3);
    const tunnelCounters = /(\d+) packets input, (\d+) bytes[\s\S]*?(\d+) packets output, (\d+) bytes/.exec(
      lab.run('hub1', 'show interfaces Tunnel0'),
    );
    const ipsec = [
      ...lab
        .run('hub1', 'show crypto ipsec sa')
        .matchAll(/current_peer (\S+) port[\s\S]*?#pkts encaps: (\d+)[\s\S]*?#pkts decaps: (\d+)/g),
    ].map(([, peer, encaps, decaps]) => ({ peer, encaps: Number(encaps), decaps: Number(decaps) }));
    const ikeRemaining = new Map(
      [
        ...lab
          .run('hub1', 'show crypto isakmp sa detail')
          .matchAll(/^\d+\s+\S+\s+(\S+)\s+ACTIVE.* (\d+):(\d+):(\d+)\s*$/gm),
      ].map(([, remote, h, m, s]) => [remote, Number(h) * 3600 + Number(m) * 60 + Number(s)]),
    );

    await withSession(v2cSession(agent.access('hub1')), async (session) => {
      const ifMib = [...(await walk(session, IF_HC_IN_OCTETS)), ...(await walk(session, IF_HC_OUT_OCTETS))];
      expect(counter64(byIndex(ifMib, IF_HC_IN_OCTETS).get('3'))).toBe(BigInt(tunnelCounters?.[2] ?? -1));
      expect(counter64(byIndex(ifMib, IF_HC_OUT_OCTETS).get('3'))).toBe(BigInt(tunnelCounters?.[4] ?? -1));

      const nhrp = await walk(session, NHRP_MIB);
      const nhcAddresses = byIndex(nhrp, NHRP.serverNhcInternetworkAddr);
      const nhcNbmas = byIndex(nhrp, NHRP.serverNhcNbmaAddr);
      const clients = [...nhcAddresses.entries()].map(([row, address]) => ({
        nbma: dotted(nhcNbmas.get(row)),
        tunnel: dotted(address),
      }));
      expect(sortPeers(clients)).toEqual(sortPeers(dmvpnPeers));
      expect([...byIndex(nhrp, NHRP_CACHE_NBMA).values()].map(dotted).sort()).toEqual(
        dmvpnPeers.map((peer) => peer.nbma).sort(),
      );

      const crypto = await walk(session, IPSEC_MIB);
      const remotes = byIndex(crypto, CIP_TUN_REMOTE_ADDR);
      for (const [row, remote] of remotes) {
        const shown = ipsec.find((block) => block.peer === dotted(remote));
        expect(shown, dotted(remote)).toBeDefined();
        expect(byIndex(crypto, CIP_TUN_IN_PKTS).get(row)).toBe(shown?.decaps);
        expect(byIndex(crypto, CIP_TUN_OUT_PKTS).get(row)).toBe(shown?.encaps);
        expect(counter64(byIndex(crypto, CIP_TUN_HC_IN_OCTETS).get(row))).toBe(
          BigInt(shown?.decaps ?? 0) * PACKET_BYTES,
        );
        expect(counter64(byIndex(crypto, CIP_TUN_HC_OUT_OCTETS).get(row))).toBe(
          BigInt(shown?.encaps ?? 0) * PACKET_BYTES,
        );
        expect(dotted(byIndex(crypto, CIP_END_PT_REMOTE_ADDR).get(`${row}.1`))).toBe(dotted(remote));
        const ikeRow = String(byIndex(crypto, CIP_TUN_IKE_INDEX).get(row));
        expect(dotted(byIndex(crypto, CIKE_TUN_REMOTE_ADDR).get(ikeRow))).toBe(dotted(remote));
        const lifetime =
          lab.state('hub1').ikeSas.find((sa) => sa.remote === dotted(remote))?.lifetimeSeconds ?? 0;
        const remaining = ikeRemaining.get(dotted(remote)) ?? -1;
        expect(byIndex(crypto, CIKE_TUN_ACTIVE_TIME).get(ikeRow)).toBe((lifetime - remaining) * 100);
      }
      expect(remotes.size).toBe(ipsec.length);
    });
  });

  it("uses the table indexes the router's traps carry", async () => {
    const traps = trapsFromLogs(lab.state('hub1'));
    const started = new Map<string, string>();
    for (const trap of traps.filter((candidate) => candidate.trapOid === IPSEC.cipSecTunnelStart)) {
      const lifetime = trap.varbinds.find((varbind) => varbind.oid.startsWith(`${IPSEC.tunLifeTime}.`));
      const remote = trap.varbinds.find((varbind) => varbind.oid.startsWith(`${IPSEC.endPtRemoteAddr1}.`));
      started.set(
        dotted(Buffer.from(remote?.value as Uint8Array)),
        lifetime?.oid.slice(IPSEC.tunLifeTime.length + 1) ?? '',
      );
    }
    const registered = traps
      .filter((candidate) => candidate.trapOid === CNE.nextHopRegClientUp)
      .map((trap) =>
        trap.varbinds.find((varbind) => varbind.oid.startsWith(`${NHRP.serverNhcInternetworkAddr}.`)),
      );
    const tunnelUp = traps.find(
      (trap) => trap.trapOid === IF.linkUp && trap.varbinds.some((varbind) => varbind.value === 'Tunnel0'),
    );
    expect(started.size).toBe(3);
    expect(registered).toHaveLength(3);

    await withSession(v2cSession(agent.access('hub1')), async (session) => {
      const crypto = byIndex(await walk(session, CIP_TUN_REMOTE_ADDR), CIP_TUN_REMOTE_ADDR);
      for (const [row, remote] of crypto) expect(started.get(dotted(remote))).toBe(row);
      const nhc = await walk(session, NHRP.serverNhcInternetworkAddr);
      expect(nhc.map((varbind) => varbind.oid).sort()).toEqual(
        registered.map((varbind) => varbind?.oid).sort(),
      );
      const ifIndex = tunnelUp?.varbinds[2]?.oid.split('.').pop();
      expect((await get(session, [`${IF_DESCR}.${ifIndex}`]))[0]?.value?.toString()).toBe('Tunnel0');
    });
  });

  it('drops a wrong community, an unknown router and a wrong v3 key: the client times out', async () => {
    const own = agent.access('hub1');
    const timedOut = expect.objectContaining({ name: 'RequestTimedOutError' });
    await withSession(v2cSession(own, 'wrong'), async (session) => {
      await expect(get(session, [SYS_NAME])).rejects.toEqual(timedOut);
    });
    await withSession(v2cSession(shared.access('spoke1'), 'lab-ro@spoke99'), async (session) => {
      await expect(get(session, [SYS_NAME])).rejects.toEqual(timedOut);
    });
    await withSession(
      v3Session(own, { authKey: 'wrong-auth-key', privKey: SETTINGS.v3.privKey }),
      async (session) => {
        await expect(get(session, [SYS_NAME])).rejects.toEqual(timedOut);
      },
    );
    await withSession(
      v3Session(own, { authKey: SETTINGS.v3.authKey, privKey: 'wrong-priv-key' }),
      async (session) => {
        await expect(get(session, [SYS_NAME])).rejects.toEqual(timedOut);
      },
    );
  });

  it('refuses a v3 context that names no router', async () => {
    await withSession(v3Session(shared.access('spoke1'), SETTINGS.v3, 'spoke99'), async (session) => {
      await expect(get(session, [SYS_NAME])).rejects.toThrow(/Report/);
    });
    await withSession(v3Session(agent.access('hub1'), SETTINGS.v3, 'spoke1'), async (session) => {
      await expect(get(session, [SYS_NAME])).rejects.toThrow(/Report/);
    });
  });

  it('answers noSuchInstance, noSuchObject and endOfMibView as SNMPv2 does', async () => {
    await withSession(v2cSession(agent.access('spoke1')), async (session) => {
      const [instance, object] = await get(session, [`${SYS_NAME.slice(0, -2)}.1`, '1.3.6.1.2.1.99.0']);
      expect(instance?.type).toBe(snmp.ObjectType.NoSuchInstance);
      expect(object?.type).toBe(snmp.ObjectType.NoSuchObject);
      const [end] = await getNext(session, ['1.3.6.1.4.1.9.9.999']);
      expect(end?.type).toBe(snmp.ObjectType.EndOfMibView);
    });
  });
});

describe("the lab SNMP agent's errors", () => {
  it('refuses a set (read-only) and answers SNMPv1 with noSuchName for a missing object', async () => {
    const { lab, agent } = await startedLab(1);
    try {
      const access = agent.access('spoke1');
      await withSession(v2cSession(access), async (session) => {
        const set = new Promise((resolve, reject) =>
          session.set([{ oid: SYS_NAME, type: snmp.ObjectType.OctetString, value: 'x' }], (error) =>
            error ? reject(error) : resolve(undefined),
          ),
        );
        await expect(set).rejects.toMatchObject({ status: snmp.ErrorStatus.NoAccess });
      });
      const v1 = snmp.createSession(access.host, access.community, {
        port: access.port,
        version: snmp.Version1,
        timeout: 400,
        retries: 0,
      });
      await withSession(v1, async (session) => {
        expect((await get(session, [SYS_NAME]))[0]?.value?.toString()).toBe('spoke1');
        await expect(get(session, [SYS_NAME, '1.3.6.1.2.1.99.0'])).rejects.toMatchObject({
          status: snmp.ErrorStatus.NoSuchName,
        });
      });
    } finally {
      await agent.close();
      lab.close();
    }
  });
});

describe('a spoke with two hubs', () => {
  it('lists its NHRP client and the NHSs show ip nhrp nhs shows, at the indexes its traps use', async () => {
    const lab = createLiveLab({ spokes: 2, hubs: 2 }, { speed: 0 });
    lab.advance(600);
    const agent = await startLabSnmp(lab, { ...SETTINGS, routerPorts: null });
    try {
      const shown = [
        ...lab.run('spoke1', 'show ip nhrp nhs').matchAll(/^(\S+)\s+(\S+)\s+NBMA Address: (\S+)/gm),
      ].map(([, nhs, flags, nbma]) => `${nhs} ${nbma} ${flags?.includes('R') ? 1 : 2}`);
      expect(shown).toHaveLength(2);
      const serverUps = trapsFromLogs(lab.state('spoke1'))
        .filter((trap) => trap.trapOid === CNE.nextHopRegServerUp)
        .map(
          (trap) =>
            trap.varbinds.find((varbind) => varbind.oid.startsWith(`${NHRP.clientNhsInternetworkAddr}.`))
              ?.oid,
        );
      await withSession(v3Session(agent.access('spoke1')), async (session) => {
        const nhrp = await walk(session, NHRP_MIB);
        expect(dotted(byIndex(nhrp, NHRP.clientInternetworkAddr).get('1'))).toBe('10.0.0.12');
        expect(dotted(byIndex(nhrp, NHRP.clientNbmaAddr).get('1'))).toBe('198.18.0.1');
        const servers = byIndex(nhrp, NHRP.clientNhsInternetworkAddr);
        const nbmas = byIndex(nhrp, NHRP.clientNhsNbmaAddr);
        const inUse = byIndex(nhrp, NHRP.clientNhsInUse);
        const rows = [...servers].map(
          ([row, nhs]) => `${dotted(nhs)} ${dotted(nbmas.get(row))} ${inUse.get(row)}`,
        );
        expect(rows).toEqual(shown);
        for (const oid of serverUps) expect(nhrp.map((varbind) => varbind.oid)).toContain(oid);
      });
    } finally {
      await agent.close();
      lab.close();
    }
  });
});

describe('a fault on spoke1 seen from hub1', () => {
  it("takes spoke1's IPsec, IKE and NHRP rows away and leaves the other spokes'", async () => {
    const { lab, agent } = await startedLab(2);
    try {
      const spoke1 = '198.18.0.1';
      const remotesOf = async (): Promise<Record<string, string[]>> =>
        withSession(v2cSession(agent.access('hub1')), async (session) => {
          const crypto = await walk(session, IPSEC_MIB);
          const nhrp = await walk(session, NHRP_MIB);
          const values = (rows: Map<string, unknown>): string[] => [...rows.values()].map(dotted).sort();
          return {
            ike: values(byIndex(crypto, CIKE_TUN_REMOTE_ADDR)),
            ipsec: values(byIndex(crypto, CIP_TUN_REMOTE_ADDR)),
            endPoints: values(byIndex(crypto, CIP_END_PT_REMOTE_ADDR)),
            cache: values(byIndex(nhrp, NHRP_CACHE_NBMA)),
            clients: values(byIndex(nhrp, NHRP.serverNhcNbmaAddr)),
          };
        });
      const healthy = await remotesOf();
      for (const rows of Object.values(healthy)) expect(rows).toEqual([spoke1, '198.18.0.2']);

      lab.injectFault('psk-mismatch', 'spoke1');
      lab.advance(5);
      const faulted = await remotesOf();
      for (const rows of Object.values(faulted)) expect(rows).toEqual(['198.18.0.2']);
      expect(lab.run('hub1', 'show dmvpn')).not.toMatch(/198\.18\.0\.1 .* UP /);
    } finally {
      await agent.close();
      lab.close();
    }
  });

  it('takes only the NHRP rows away when NHRP authentication fails and IPsec stays up', async () => {
    const { lab, agent } = await startedLab(2);
    try {
      lab.injectFault('nhrp-auth-mismatch', 'spoke1');
      // spoke1's registration expires with its holdtime; traffic towards it leaves an incomplete entry.
      lab.advance(600);
      expect(lab.run('hub1', 'show ip nhrp')).toMatch(/^10\.0\.0\.12\/32\n.*\n\s+Type: incomplete/m);
      await withSession(v2cSession(agent.access('hub1')), async (session) => {
        const crypto = await walk(session, IPSEC_MIB);
        const nhrp = await walk(session, NHRP_MIB);
        expect([...byIndex(crypto, CIP_TUN_REMOTE_ADDR).values()].map(dotted).sort()).toEqual([
          '198.18.0.1',
          '198.18.0.2',
        ]);
        expect([...byIndex(nhrp, NHRP.serverNhcNbmaAddr).values()].map(dotted)).toEqual(['198.18.0.2']);
        const states = byIndex(nhrp, NHRP_CACHE_STATE);
        const nbmas = byIndex(nhrp, NHRP_CACHE_NBMA);
        const cache = [...states].map(
          ([row, state]) => `${row.split('.').slice(2, 6).join('.')} ${state} ${dotted(nbmas.get(row))}`,
        );
        // incomplete(1) without an NBMA address; ackReply(2) for spoke2's registration.
        expect(cache.sort()).toEqual(['10.0.0.12 1 ', '10.0.0.13 2 198.18.0.2']);
      });
    } finally {
      await agent.close();
      lab.close();
    }
  });
});

function sortPeers(peers: { nbma?: string; tunnel?: string }[]): string[] {
  return peers.map((peer) => `${peer.nbma} ${peer.tunnel}`).sort();
}
