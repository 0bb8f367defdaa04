// Accuracy against the lab: each fault of the underlay, tunnel and NHRP layers is injected, the routers' standard
// outputs are parsed into snapshots, and the diagnosis must name that fault first, with evidence from the outputs.

import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnosis/index.js';
import { faultCatalogue, faultFits } from '../lab/faults/catalogue.js';
import type { LabOptions } from '../lab/model/network.js';
import { buildNetwork } from '../lab/network/build.js';
import type { DeviceSnapshot } from '../model/snapshot.js';
import { labSnapshots, type LabCase } from './diagnosis-lab.js';

const LAYERS = ['underlay', 'tunnel', 'nhrp'];

/**
 * Faults a snapshot cannot tell from another: blocked UDP 500 and an unreachable NBMA leave the same traces unless
 * an ACL logs its drops (then `ike-udp-blocked` is named); the report says so in its `toConfirm` list.
 */
const ACCEPTED: Record<string, string[]> = { 'ike-udp-blocked': ['nbma-underlay-unreachable'] };

/** Faults that show only at a given moment or between given spokes. */
const SPECIAL: Record<string, LabCase> = {
  'nhrp-rate-limited': { atSeconds: 660, options: { spokes: 8 } },
  'nhrp-resolution-failing': {
    atSeconds: 600,
    options: { spokes: 4 },
    routers: ['hub1', 'spoke3', 'spoke4'],
    fault: { id: 'nhrp-resolution-failing', target: 'spoke3' },
  },
};

interface Row {
  name: string;
  fault: string;
  labCase: LabCase;
}

const rows: Row[] = faultCatalogue
  .filter((fault) => LAYERS.includes(fault.layer))
  .flatMap((fault) =>
    (['v1', 'v2'] as const).flatMap((ike): Row[] => {
      const options: Partial<LabOptions> = { ike };
      if (fault.requires?.text.includes('phase 2 or 3')) options.phase = 3;
      if (!faultFits(fault, buildNetwork({ spokes: 3, ...options }))) return [];
      const special = SPECIAL[fault.id];
      if (special?.fault) {
        const labCase = { ...special, options: { ...special.options, ike } };
        return [{ name: `${fault.id}@${special.fault.target} IKE${ike}`, fault: fault.id, labCase }];
      }
      return fault.roles.map((role) => ({
        name: `${fault.id}@${role}1 IKE${ike}`,
        fault: fault.id,
        labCase: {
          ...special,
          options: { ...special?.options, ...options },
          fault: { id: fault.id, target: `${role}1` },
        },
      }));
    }),
  );

function rawLines(snapshots: DeviceSnapshot[]): Set<string> {
  const lines = new Set<string>();
  for (const snapshot of snapshots)
    for (const output of snapshot.outputs)
      for (const line of output.raw.split('\n'))
        lines.add(`${snapshot.device}\u0000${output.command}\u0000${line.trim()}`);
  return lines;
}

describe('diagnosis accuracy on the lab', () => {
  it('covers every lab fault of these layers', () => {
    const ids = faultCatalogue.filter((fault) => LAYERS.includes(fault.layer)).map((fault) => fault.id);
    expect(new Set(rows.map((row) => row.fault))).toEqual(new Set(ids));
  });

  it.each(rows.map((row) => [row.name, row] as const))(
    '%s is the top finding, with evidence from the outputs',
    (_, row) => {
      const snapshots = labSnapshots(row.labCase);
      const report = diagnose({ snapshots });
      const top = report.findings[0];
      expect(top, JSON.stringify(report.findings.map((f) => f.rule))).toBeDefined();
      expect([row.fault, ...(ACCEPTED[row.fault] ?? [])]).toContain(top!.rule);
      expect(top!.evidence.length).toBeGreaterThan(0);
      const lines = rawLines(snapshots);
      for (const entry of top!.evidence) {
        expect(
          lines.has(`${entry.device}\u0000${entry.command}\u0000${entry.text}`),
          JSON.stringify(entry),
        ).toBe(true);
      }
      expect(top!.remediation).not.toBe('');
    },
  );

  it.each([
    ['nhrp-network-id-missing'],
    ['nbma-underlay-unreachable'],
    ['tunnel-source-down'],
    ['tunnel-mode-mismatch'],
  ])('%s on the hub is one finding on the hub, listing the spokes it cuts off', (fault) => {
    const report = diagnose({ snapshots: labSnapshots({ fault: { id: fault, target: 'hub1' } }) });
    const [top, ...rest] = report.findings;
    expect(top).toMatchObject({ rule: fault, device: 'hub1' });
    expect(top!.affected).toEqual(expect.arrayContaining(['spoke1', 'spoke2']));
    expect(rest.filter((finding) => finding.severity === 'critical')).toEqual([]);
  });

  const healthy: [string, Partial<LabOptions>][] = [];
  for (const phase of [1, 2, 3] as const)
    for (const ike of ['v1', 'v2'] as const) healthy.push([`phase ${phase} IKE${ike}`, { phase, ike }]);
  healthy.push(
    ['OSPF', { routing: 'ospf' }],
    ['BGP', { routing: 'bgp' }],
    ['dual hub with a NAT spoke', { hubs: 2, natSpokes: 1 }],
  );

  it.each(healthy)('the healthy lab (%s) yields nothing above info', (_, options) => {
    const report = diagnose({
      snapshots: labSnapshots({ options, routers: ['hub1', 'spoke1', 'spoke2', 'spoke3'] }),
    });
    expect(report.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
  });
});
