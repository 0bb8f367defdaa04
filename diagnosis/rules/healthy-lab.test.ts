// The guard every rule of the IKE, IPsec, MTU, routing and history layers keeps: a healthy lab network, whatever
// its phase, IKE version and routing, and at any moment (SA rekeys included), gives nothing above info.

import { describe, expect, it } from 'vitest';
import type { LabOptions } from '../../lab/model/network.js';
import { labSnapshots, STANDARD_COMMANDS } from '../../test/diagnosis-lab.js';
import { flapRules } from '../flaps.js';
import { buildView } from '../view.js';
import { ikeRules } from './ike.js';
import { ipsecRules } from './ipsec.js';
import { mtuRules } from './mtu.js';
import { routingRules } from './routing.js';

const RULES = [...ikeRules, ...ipsecRules, ...mtuRules, ...routingRules, ...flapRules];
const DETAIL_COMMANDS = [
  ...STANDARD_COMMANDS,
  'show crypto ipsec sa detail',
  'show crypto ikev2 sa detailed',
  'show crypto session detail',
];

const networks: Partial<LabOptions>[] = [];
for (const phase of [1, 2, 3] as const) {
  for (const ike of ['v1', 'v2'] as const) networks.push({ phase, ike });
  networks.push({ phase, routing: 'ospf' }, { phase, routing: 'bgp' });
}
networks.push({ hubs: 2, natSpokes: 1 }, { hubs: 2, ike: 'v2', phase: 2 });

describe('a healthy lab gives nothing above info', () => {
  for (const options of networks) {
    const name = Object.entries(options)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
    it(name, () => {
      for (const atSeconds of [900, 4000]) {
        const view = buildView(
          labSnapshots({ options, atSeconds, commands: DETAIL_COMMANDS, routers: undefined }),
        );
        const raised = RULES.flatMap((rule) => rule.run(view)).filter(
          (candidate) => candidate.severity !== 'info',
        );
        expect(
          raised.map((candidate) => `${candidate.rule}@${candidate.device}: ${candidate.title}`),
        ).toEqual([]);
      }
    });
  }
});
