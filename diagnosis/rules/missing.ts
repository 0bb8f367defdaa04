// Missing means down: a tunnel the configs, the NHS tables or the inventory expect, absent from `show dmvpn`.

import type { DmvpnPeer } from '../../model/records/dmvpn.js';
import { evidenceOf } from '../view.js';
import { expectedBySpoke, spokeHubPairs } from './pairs.js';
import { candidate, type Candidate, type Rule } from './rule.js';

const peerMissing: Rule = {
  name: 'missing/peer',
  layer: 'nhrp',
  faults: ['peer-missing'],
  run(view) {
    const found: Candidate[] = [];
    for (const pair of spokeHubPairs(view).filter(expectedBySpoke)) {
      const spokeLacks = pair.row === undefined && pair.spoke.collected('show dmvpn');
      const hubLacks =
        pair.hub !== undefined && pair.hub.collected('show dmvpn') && pair.hubRows.length === 0;
      if (!spokeLacks && !hubLacks) continue;
      const where = hubLacks ? pair.hub!.name : pair.spoke.name;
      found.push(
        candidate(
          {
            rule: 'peer-missing',
            severity: 'major',
            layer: 'nhrp',
            device: pair.spoke.name,
            interface: pair.interface,
            peer: pair.hub?.name ?? pair.hubTunnel,
            title: `The tunnel ${pair.spoke.name} - ${pair.hub?.name ?? pair.hubTunnel ?? 'hub'} is missing from \`show dmvpn\` on ${where}`,
            explanation:
              'IOS drops dead tunnels from its tables: a peer the configuration or the NHS table expects but `show dmvpn` ' +
              'no longer lists is down.',
            evidence: [
              pair.nhs && evidenceOf(pair.nhs),
              pair.config && evidenceOf(pair.config),
              pair.row && evidenceOf(pair.row),
            ],
            remediation: 'See the finding that explains the failure of this tunnel.',
            confidence: 'probable',
            umbrella: true,
          },
          view,
        ),
      );
    }
    for (const expected of view.expected) {
      const hub = view.device(expected.hub);
      const spoke = view.device(expected.spoke);
      if (!hub || !hub.collected('show dmvpn')) continue;
      const rows = hub
        .records<DmvpnPeer>('dmvpn_peer')
        .filter(
          ({ record }) =>
            spoke &&
            (spoke.nbmaAddresses.has(record.peerNbma) || spoke.tunnelAddresses.has(record.peerTunnel)),
        );
      if (rows.some(({ record }) => record.state === 'UP')) continue;
      const header = hub.records('dmvpn_interface')[0];
      found.push(
        candidate(
          {
            rule: 'peer-missing',
            severity: 'major',
            layer: 'nhrp',
            device: expected.spoke,
            interface: expected.interface ?? null,
            peer: expected.hub,
            title: `Expected tunnel ${expected.spoke} - ${expected.hub} is not up on ${expected.hub}`,
            explanation: 'The inventory expects this spoke on the hub; the hub does not list it as UP.',
            evidence: [rows[0] ? evidenceOf(rows[0]) : header && evidenceOf(header)],
            remediation: `Capture ${expected.spoke} (show dmvpn, show ip nhrp nhs detail, show crypto isakmp sa) to find why.`,
            confidence: 'probable',
            toConfirm: spoke ? [] : [`the outputs of ${expected.spoke}`],
            umbrella: true,
          },
          view,
        ),
      );
    }
    return found;
  },
};

export const missingRules: readonly Rule[] = [peerMissing];
