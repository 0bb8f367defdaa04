// Spoke-to-spoke resolution that never completes, and a hub reload whose re-registration storm meets a limit set too
// low (NHRP max-send, IKE call admission), read from the hub and the spokes (diagnosis-reference.md section 1).

import { describe, expect, it } from 'vitest';
import { REBOOT_AT_SECONDS } from '../faults/events.js';
import { applyFault } from '../faults/catalogue.js';
import type { LabNetwork } from '../model/network.js';
import type { RouterState } from '../model/state.js';
import { spokePublicNbma, spokeTunnelAddress } from '../network/addressing.js';
import { LAB_COMMANDS, runCommand } from '../ios/commands.js';
import { renderShowIpNhrpTraffic } from '../render/show-ip-nhrp-traffic.js';
import { renderRunningConfig } from '../render/show-running-config.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { simulate } from './index.js';
import { HUB_NBMA, configOf, hubRow, ikeTo, labNetwork, logs, spokeRow } from './test-network.js';

/** Spokes 3 and 4 exchange traffic with the default seed. */
const [A, B] = [3, 4];
const SPOKES = [1, 2, 3, 4];

function states(network: LabNetwork, at: number): (name: string) => RouterState {
  const all = simulate(network, at);
  return (name) => all.get(name)!;
}

function directRow(state: RouterState, to: number) {
  return state.dmvpn[0]!.peers.find((peer) => peer.tunnelAddresses[0] === spokeTunnelAddress(to));
}

/** The seconds after the reload at which a router logged a message (one per spoke in a storm). */
function loggedAt(state: RouterState, pattern: RegExp): number[] {
  return state.logs
    .filter((log) => log.atSeconds > REBOOT_AT_SECONDS && pattern.test(log.text))
    .map((log) => log.atSeconds);
}

function parse(command: string, text: string) {
  const resolution = resolveCommand(command);
  if (!resolution.ok) throw new Error(resolution.error);
  const result = resolution.command.parser.parse(text, { args: resolution.command.args });
  expect(result.warnings).toEqual([]);
  return result.records as (Record<string, unknown> & { kind: string })[];
}

describe('nhrp-resolution-failing: the spoke edge admits only its hubs', () => {
  it('phase 3 IKEv1: both D rows stuck in IKE, MM_NO_STATE both ways, requests sent and never answered', () => {
    const network = labNetwork({ spokes: 4 });
    applyFault(network, 'nhrp-resolution-failing', `spoke${A}`);
    const at = states(network, 600);
    const [a, b, hub] = [at(`spoke${A}`), at(`spoke${B}`), at('hub1')];
    for (const [self, other] of [
      [a, B],
      [b, A],
    ] as const) {
      expect(directRow(self, other)).toMatchObject({ state: 'IKE', attrs: ['D'], upDownSeconds: null });
      expect(ikeTo(self, spokePublicNbma(other))).toMatchObject([{ state: 'MM_NO_STATE', connId: 0 }]);
      expect(self.cryptoSessions.find((session) => session.peer === spokePublicNbma(other))?.status).toBe(
        'DOWN-NEGOTIATING',
      );
      const counters = self.nhrpTraffic[0]!.counters;
      expect(counters.traffic_ind_rcvd).toBe(1);
      expect(counters.res_req_sent).toBeGreaterThan(0);
      expect(counters.res_reply_rcvd).toBe(0);
      expect(counters.res_reply_sent).toBe(0);
      expect(logs(self, /NHRP_NHP_UP/, -Infinity)).toEqual([]);
      // Traffic stays on the hub: the spoke's hub tunnel is UP and registered.
      expect(hubRow(self)?.state).toBe('UP');
      expect(self.nhs[0]?.flags).toBe('RE');
    }
    // The hub keeps both spokes registered and redirects their traffic.
    expect(spokeRow(hub, spokeTunnelAddress(A))?.state).toBe('UP');
    expect(spokeRow(hub, spokeTunnelAddress(B))?.state).toBe('UP');
    expect(hub.nhrpTraffic[0]!.counters.traffic_ind_sent).toBe(2);
  });

  it('phase 2 IKEv2 on the responder: the initiator retries IN-NEG, the blocked spoke never hears it', () => {
    const network = labNetwork({ spokes: 4, phase: 2, ike: 'v2' });
    applyFault(network, 'nhrp-resolution-failing', `spoke${B}`);
    const at = states(network, 600);
    const [a, b] = [at(`spoke${A}`), at(`spoke${B}`)];
    expect(directRow(a, B)).toMatchObject({ state: 'IKE', attrs: ['D'] });
    expect(directRow(b, A)).toMatchObject({ state: 'IKE', attrs: ['D'] });
    expect(ikeTo(a, spokePublicNbma(B))).toMatchObject([{ state: 'IN-NEG' }]);
    expect(ikeTo(b, spokePublicNbma(A))).toEqual([]);
    expect(a.nhrpTraffic[0]!.counters.res_reply_rcvd).toBe(0);
    expect(hubRow(b)?.state).toBe('UP');
  });

  it('the hubs still get through: every spoke stays registered, other spokes untouched', () => {
    const network = labNetwork({ spokes: 4, hubs: 2 });
    applyFault(network, 'nhrp-resolution-failing', `spoke${A}`);
    const at = states(network, 600);
    expect(at(`spoke${A}`).nhs.map((nhs) => nhs.flags)).toEqual(['RE', 'RE']);
    expect(at('spoke1').nhs.map((nhs) => nhs.flags)).toEqual(['RE', 'RE']);
  });
});

describe('nhrp-rate-limited: max-send too low for the storm after a hub reload', () => {
  it('renders the quota in the running-config, and it parses back', () => {
    const network = labNetwork({ spokes: 4 });
    applyFault(network, 'nhrp-rate-limited');
    const text = renderRunningConfig(configOf(network, 'hub1'));
    expect(text).toContain('\n ip nhrp max-send 1 every 10\n');
    const tunnel = parse('show running-config', text).find(
      (record) => record.kind === 'config_interface' && record.name === 'Tunnel0',
    );
    expect(tunnel).toMatchObject({ nhrp: { options: ['max-send 1 every 10'] } });
  });

  it('before the reload the quota is enough; after it Usage hits 100% and the spokes come up one per 10 s', () => {
    const network = labNetwork({ spokes: 4 });
    applyFault(network, 'nhrp-rate-limited');
    const before = states(network, 590)('hub1');
    expect(before.nhrpTraffic[0]).toMatchObject({ maxSendPackets: 1, maxSendIntervalSeconds: 10 });
    expect(before.nhrpTraffic[0]!.usagePercent).toBeLessThan(100);
    expect(before.dmvpn[0]!.peers.map((peer) => peer.state)).toEqual(['UP', 'UP', 'UP', 'UP']);

    const after = states(network, 700);
    const registered = loggedAt(after('hub1'), /NHRP_NHC_UP/);
    expect(registered).toHaveLength(4);
    expect(registered.slice(1).map((t, i) => t - registered[i]!)).toEqual([10, 10, 10]);
    // Crypto came back for all at once: only the replies waited.
    const crypto = SPOKES.map((n) => loggedAt(after(`spoke${n}`), /CRYPTO_SS.*socket is UP/)[0]);
    expect(new Set(crypto).size).toBe(1);

    const storm = states(network, registered[1]! + 1);
    const hub = storm('hub1');
    expect(hub.nhrpTraffic[0]!.usagePercent).toBe(100);
    expect(renderShowIpNhrpTraffic(hub)).toContain('Tunnel0: Max-send limit:1Pkts/10Sec, Usage:100%');
    expect(hub.dmvpn[0]!.peers.map((peer) => peer.state)).toEqual(['UP', 'UP']);
    const waiting = storm('spoke4');
    expect(hubRow(waiting)?.state).toBe('NHRP');
    expect(waiting.nhs[0]).toMatchObject({ flags: 'E' });
    expect(ikeTo(waiting, HUB_NBMA)[0]!.state).toBe('QM_IDLE');
    // The hub received the retransmissions it could not answer.
    const unanswered = (state: RouterState) =>
      state.nhrpTraffic[0]!.counters.reg_req_rcvd! - state.nhrpTraffic[0]!.counters.reg_reply_sent!;
    expect(unanswered(hub)).toBeGreaterThan(unanswered(before));

    const settled = states(network, 900)('hub1');
    expect(settled.dmvpn[0]!.peers.map((peer) => peer.state)).toEqual(['UP', 'UP', 'UP', 'UP']);
  });
});

describe('hub-ike-cac-or-cpu: IKE call admission too low for the storm after a hub reload', () => {
  it('renders the limit in the running-config, and it parses back', () => {
    const network = labNetwork({ spokes: 4 });
    applyFault(network, 'hub-ike-cac-or-cpu');
    const text = renderRunningConfig(configOf(network, 'hub1'));
    expect(text).toContain('\ncrypto call admission limit ike in-negotiation-sa 1\n');
    const options = parse('show running-config', text)
      .filter((record) => record.kind === 'config_crypto_option')
      .map((record) => record.option);
    expect(options).toContain('call admission limit ike in-negotiation-sa 1');
  });

  it.each(['v1', 'v2'] as const)(
    'IKE%s: the refused spokes retry without an SA on the hub and come up in waves 10 s apart',
    (ike) => {
      const network = labNetwork({ spokes: 4, ike });
      applyFault(network, 'hub-ike-cac-or-cpu');
      const after = states(network, 700);
      const up = SPOKES.map((n) => loggedAt(after(`spoke${n}`), /CRYPTO_SS.*socket is UP/)[0]!);
      expect(up.slice(1).map((t, i) => t - up[i]!)).toEqual([10, 10, 10]);

      const storm = states(network, up[1]! + 1);
      const hub = storm('hub1');
      expect(hub.ikeSas.map((sa) => sa.remote)).toEqual([spokePublicNbma(1), spokePublicNbma(2)]);
      for (const n of [3, 4]) {
        const refused = storm(`spoke${n}`);
        expect(hubRow(refused)?.state).toBe('IKE');
        expect(refused.nhs[0]!.flags).toBe('E');
        expect(ikeTo(refused, HUB_NBMA)).toMatchObject([{ state: ike === 'v1' ? 'MM_NO_STATE' : 'IN-NEG' }]);
        expect(spokeRow(hub, spokeTunnelAddress(n))).toBeUndefined();
      }
      const settled = states(network, 900)('hub1');
      expect(settled.dmvpn[0]!.peers.map((peer) => peer.state)).toEqual(['UP', 'UP', 'UP', 'UP']);
    },
  );
});

describe('what the routers print in the middle of these faults parses back with no warning', () => {
  const scenarios: [string, string, number, Parameters<typeof labNetwork>[0]][] = [
    ['nhrp-resolution-failing', `spoke${A}`, 600, { spokes: 4 }],
    ['nhrp-resolution-failing', `spoke${B}`, 600, { spokes: 4, phase: 2, ike: 'v2' }],
    ['nhrp-rate-limited', 'hub1', 655, { spokes: 4 }],
    ['hub-ike-cac-or-cpu', 'hub1', 655, { spokes: 4 }],
    ['hub-ike-cac-or-cpu', 'hub1', 670, { spokes: 4, ike: 'v2' }],
  ];
  it.each(scenarios)('%s on %s at second %i', (id, target, second, options) => {
    const network = labNetwork(options);
    applyFault(network, id, target);
    const all = simulate(network, second);
    for (const config of network.routers) {
      const state = all.get(config.hostname)!;
      for (const command of LAB_COMMANDS.filter((form) => !form.includes('<'))) {
        const text = runCommand({ config, state }, command);
        if (text.trim() === '') continue;
        const resolution = resolveCommand(command);
        if (!resolution.ok) throw new Error(resolution.error);
        const result = resolution.command.parser.parse(text, { args: resolution.command.args });
        expect(result.error, `${config.hostname}: ${command}`).toBeUndefined();
        expect(result.warnings, `${config.hostname}: ${command}`).toEqual([]);
      }
    }
  });
});
