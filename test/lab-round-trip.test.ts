// The lab prints what it is: every command a simulated router answers, healthy and under every fault, parses back
// through our own parsers with no warning, into the state the lab's model holds.

import { describe, expect, it } from 'vitest';
import { simulate } from '../lab/engine/index.js';
import { applyFault, faultCatalogue, faultFits } from '../lab/faults/catalogue.js';
import { LAB_COMMANDS, runCommand } from '../lab/ios/commands.js';
import type { LabNetwork, LabOptions } from '../lab/model/network.js';
import type { RouterState } from '../lab/model/state.js';
import { buildNetwork } from '../lab/network/build.js';
import { resolveCommand } from '../parsers/registry/index.js';

const AT_SECONDS = 900;
const COMMANDS = LAB_COMMANDS.filter((form) => !form.includes('<'));

interface Scenario {
  name: string;
  network: LabNetwork;
  routers: string[];
}

function scenario(
  name: string,
  options: Partial<LabOptions>,
  fault?: { id: string; target: string },
): Scenario {
  const network = buildNetwork({ spokes: 4, ...options });
  if (fault) applyFault(network, fault.id, fault.target);
  const routers = ['hub1', 'spoke1', 'spoke2', ...(fault ? [fault.target] : [])];
  return { name, network, routers: [...new Set(routers)] };
}

const healthy: Scenario[] = [];
for (const phase of [1, 2, 3] as const) {
  for (const ike of ['v1', 'v2'] as const)
    healthy.push(scenario(`healthy phase ${phase} IKE${ike}`, { phase, ike }));
}
healthy.push(scenario('healthy OSPF', { routing: 'ospf' }));
healthy.push(scenario('healthy BGP', { routing: 'bgp' }));
healthy.push(scenario('healthy dual hub with a NAT spoke', { hubs: 2, natSpokes: 1 }));

const faulty: Scenario[] = faultCatalogue.flatMap((fault) => {
  const options: Partial<LabOptions> = fault.requires?.text.includes('IKEv2') ? { ike: 'v2' } : {};
  if (fault.requires?.text.includes('OSPF')) options.routing = 'ospf';
  if (fault.requires?.text.includes('BGP')) options.routing = 'bgp';
  if (fault.requires?.text.includes('phase 2')) options.phase = 2;
  const probe = buildNetwork({ spokes: 4, ...options });
  if (!faultFits(fault, probe)) return [];
  return fault.roles.map((role) =>
    scenario(`${fault.id} on ${role}1`, options, { id: fault.id, target: `${role}1` }),
  );
});

function parsed(command: string, text: string) {
  const resolution = resolveCommand(command);
  if (!resolution.ok) throw new Error(resolution.error);
  return resolution.command.parser.parse(text, { args: resolution.command.args });
}

type Parsed = Record<string, unknown> & { kind: string };

function recordsOf(command: string, text: string, kind: string): Parsed[] {
  return (parsed(command, text).records as Parsed[]).filter((record) => record.kind === kind);
}

/** What each command's records must say, read from the model's own state. */
function checkAgainstState(command: string, text: string, state: RouterState): void {
  switch (command) {
    case 'show dmvpn': {
      const peers = recordsOf(command, text, 'dmvpn_peer').map((peer) => [peer.peerNbma, peer.state]);
      const expected = state.dmvpn.flatMap((tunnel) => tunnel.peers.map((peer) => [peer.nbma, peer.state]));
      expect(peers).toEqual(expected);
      break;
    }
    case 'show ip nhrp nhs detail': {
      const nhs = recordsOf(command, text, 'nhrp_nhs').map((entry) => [
        entry.nhs,
        entry.flags,
        entry.reqSent,
        entry.replRecv,
      ]);
      expect(nhs).toEqual(state.nhs.map((entry) => [entry.nhs, entry.flags, entry.reqSent, entry.replRecv]));
      break;
    }
    case 'show crypto isakmp sa':
    case 'show crypto ikev2 sa': {
      const version = command.includes('ikev2') ? 'v2' : 'v1';
      const sas = recordsOf(command, text, 'ike_sa').map((sa) => sa.state);
      expect(sas).toEqual(state.ikeSas.filter((sa) => sa.version === version).map((sa) => sa.state));
      break;
    }
    case 'show crypto ipsec sa': {
      const sas = recordsOf(command, text, 'ipsec_sa').map((sa) => [sa.remote, sa.pktsEncaps, sa.pktsDecaps]);
      expect(sas).toEqual(state.ipsecSas.map((sa) => [sa.remote, sa.pktsEncaps, sa.pktsDecaps]));
      break;
    }
    case 'show crypto session': {
      const sessions = recordsOf(command, text, 'crypto_session').map((session) => [
        session.peer,
        session.status,
      ]);
      expect(sessions).toEqual(state.cryptoSessions.map((session) => [session.peer, session.status]));
      break;
    }
    case 'show crypto ipsec sa count': {
      const [count] = recordsOf(command, text, 'ipsec_sa_count');
      const sas = state.ipsecSas.reduce((sum, sa) => sum + sa.inbound.length + sa.outbound.length, 0);
      expect(count?.total).toBe(sas);
      break;
    }
    case 'show crypto isakmp peers': {
      const peers = recordsOf(command, text, 'isakmp_peer').map((peer) => peer.peer);
      const v1Peers = state.ikeSas.filter((sa) => sa.version === 'v1').map((sa) => sa.remote);
      expect(new Set(peers)).toEqual(new Set(v1Peers));
      break;
    }
    case 'show interfaces': {
      const interfaces = recordsOf(command, text, 'interface').map((entry) => [
        entry.name,
        entry.adminUp,
        entry.operUp,
      ]);
      expect(interfaces).toEqual(state.interfaces.map((entry) => [entry.name, entry.adminUp, entry.operUp]));
      break;
    }
  }
}

describe.each([...healthy, ...faulty].map((entry) => [entry.name, entry] as const))(
  '%s',
  (_, { network, routers }) => {
    const states = simulate(network, AT_SECONDS);

    it.each(routers)('every command of %s parses back, without a warning, into the lab state', (name) => {
      const config = network.routers.find((router) => router.hostname === name)!;
      const state = states.get(name)!;
      for (const command of COMMANDS) {
        const text = runCommand({ config, state }, command);
        // A router without that routing process or any crypto prints nothing, as IOS does.
        if (text.trim() === '') continue;
        const result = parsed(command, text);
        expect(result.error, `${name}: ${command}: ${result.error?.message}`).toBeUndefined();
        expect(result.warnings, `${name}: ${command}`).toEqual([]);
        checkAgainstState(command, text, state);
      }
    });
  },
);

describe('the lab under faults', () => {
  it('covers every fault of the catalogue in at least one scenario', () => {
    const covered = new Set(faulty.map((entry) => entry.network.faults[0]!.id));
    expect(faultCatalogue.filter((fault) => !covered.has(fault.id)).map((fault) => fault.id)).toEqual([]);
  });

  it('a healthy phase 3 hub sees every spoke UP', () => {
    const hub = simulate(buildNetwork({ spokes: 4 }), AT_SECONDS).get('hub1')!;
    expect(hub.dmvpn[0]!.peers.map((peer) => peer.state)).toEqual(['UP', 'UP', 'UP', 'UP']);
  });
});
