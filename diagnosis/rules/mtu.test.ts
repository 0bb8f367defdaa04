// The MTU rule against the lab: a tunnel without `ip mtu` / `ip tcp adjust-mss`, on a spoke or on the hub.

import { describe, expect, it } from 'vitest';
import { labSnapshots, type LabCase } from '../../test/diagnosis-lab.js';
import { buildView } from '../view.js';
import { mtuRules } from './mtu.js';
import type { Candidate } from './rule.js';

function candidatesOf(labCase: LabCase): Candidate[] {
  const view = buildView(labSnapshots(labCase));
  return mtuRules.flatMap((rule) => rule.run(view));
}

describe('mtu-mss-missing', () => {
  for (const target of ['spoke1', 'hub1']) {
    it(`is named for the tunnel of ${target} with the plaintext MTU ESP leaves`, () => {
      const found = candidatesOf({ fault: { id: 'mtu-mss-missing', target } });
      expect(found).toHaveLength(1);
      const finding = found[0]!;
      expect(finding.rule).toBe('mtu-mss-missing');
      expect(finding.device).toBe(target);
      expect(finding.interface).toBe('Tunnel0');
      expect(finding.severity).toBe('major');
      expect(finding.title).toMatch(/lacks `ip mtu` and `ip tcp adjust-mss`/);
      const lines = finding.evidence.map((line) => `${line.command}: ${line.text}`);
      expect(lines).toContain('show running-config: interface Tunnel0');
      expect(lines.some((line) => /^show crypto ipsec sa: plaintext mtu 1446/.test(line))).toBe(true);
      expect(finding.remediation).toBe('interface Tunnel0\n ip mtu 1400\n ip tcp adjust-mss 1360');
    });
  }

  it('needs the running-config: without it nothing is claimed', () => {
    const commands = ['show dmvpn', 'show crypto ipsec sa', 'show interfaces'];
    expect(candidatesOf({ fault: { id: 'mtu-mss-missing', target: 'spoke1' }, commands })).toEqual([]);
  });
});
