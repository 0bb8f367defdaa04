// Overlay routing rules against the lab: each fault injected in the phase and protocol it needs.

import { describe, expect, it } from 'vitest';
import type { LabOptions } from '../../lab/model/network.js';
import { labSnapshots, type LabCase } from '../../test/diagnosis-lab.js';
import { buildView } from '../view.js';
import type { Candidate } from './rule.js';
import { cloudPhase, routingRules } from './routing.js';

function candidatesOf(labCase: LabCase): Candidate[] {
  const view = buildView(labSnapshots(labCase));
  return routingRules.flatMap((rule) => rule.run(view));
}

function evidenceText(candidate: Candidate): string {
  return candidate.evidence.map((line) => `${line.device} ${line.command}: ${line.text}`).join('\n');
}

describe('routing rules on the lab', () => {
  const cases: { fault: string; target: string; options: Partial<LabOptions>; shows: RegExp; fix: RegExp }[] =
    [
      {
        fault: 'eigrp-split-horizon-phase2',
        target: 'hub1',
        options: { phase: 2 },
        shows: /hub1 show running-config: router eigrp 100/,
        fix: /no ip split-horizon eigrp 100/,
      },
      {
        fault: 'eigrp-split-horizon-phase2',
        target: 'hub1',
        options: { phase: 3 },
        shows: /ip nhrp (redirect|shortcut)/,
        fix: /ip summary-address eigrp 100/,
      },
      {
        fault: 'eigrp-next-hop-self-phase2',
        target: 'hub1',
        options: { phase: 2 },
        shows: /spoke\d show running-config: tunnel mode gre multipoint/,
        fix: /no ip next-hop-self eigrp 100/,
      },
      {
        fault: 'tunnel-bandwidth-eigrp-pacing',
        target: 'hub1',
        options: {},
        shows: /hub1 show interfaces: MTU \d+ bytes, BW 100 Kbit\/sec/,
        fix: /bandwidth 1000/,
      },
      {
        fault: 'ospf-network-type-mismatch',
        target: 'spoke1',
        options: { routing: 'ospf' },
        shows: /spoke1 show running-config: ip ospf network broadcast/,
        fix: /ip ospf network point-to-multipoint/,
      },
      {
        fault: 'ospf-network-type-mismatch',
        target: 'spoke1',
        options: { routing: 'ospf', phase: 2 },
        shows: /hub1 show running-config: ip ospf network broadcast/,
        fix: /ip ospf network broadcast/,
      },
      {
        fault: 'ospf-spoke-dr',
        target: 'spoke1',
        options: { routing: 'ospf', phase: 2 },
        shows: /hub1 show ip ospf neighbor: .*FULL\/BDR/,
        fix: /ip ospf priority 0/,
      },
      {
        fault: 'ospf-p2mp-in-phase2',
        target: 'hub1',
        options: { routing: 'ospf', phase: 2 },
        shows: /hub1 show running-config: ip ospf network point-to-multipoint/,
        fix: /ip ospf network broadcast/,
      },
      {
        fault: 'bgp-next-hop-phase2',
        target: 'hub1',
        options: { routing: 'bgp', phase: 2 },
        shows: /hub1 show running-config: neighbor SPOKES next-hop-self/,
        fix: /no neighbor SPOKES next-hop-self/,
      },
    ];
  for (const { fault, target, options, shows, fix } of cases) {
    it(`${fault} on ${target} (phase ${options.phase ?? 3}, ${options.routing ?? 'eigrp'})`, () => {
      const found = candidatesOf({ options, fault: { id: fault, target } });
      // A spoke on the wrong OSPF type also becomes DR-eligible; that candidate defers to the type mismatch.
      const causes = found.filter(
        (candidate) => !candidate.excludedBy?.some((id) => found.some((other) => other.rule === id)),
      );
      expect(causes.map((candidate) => candidate.rule)).toEqual([fault]);
      const finding = causes[0]!;
      expect(finding.device).toBe(target);
      expect(evidenceText(finding)).toMatch(shows);
      expect(finding.remediation).toMatch(fix);
    });
  }

  it('reads the phase from the configs: redirect/shortcut, spokes on mGRE, spokes on point-to-point GRE', () => {
    for (const phase of [1, 2, 3] as const) {
      expect(cloudPhase(buildView(labSnapshots({ options: { phase } })))?.phase).toBe(phase);
    }
    expect(cloudPhase(buildView(labSnapshots({ commands: ['show dmvpn'] })))).toBeNull();
  });

  it('split horizon on a phase 1 hub is the design, not a fault', () => {
    expect(
      candidatesOf({
        options: { phase: 1 },
        change: (network) => {
          for (const tunnel of network.routers[0]!.tunnels) tunnel.eigrpSplitHorizon = true;
        },
      }),
    ).toEqual([]);
  });
});
