// IKE rules against the lab (each fault injected, both ends parsed from the routers' own outputs) and real captures.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test/fixture-files.js';
import { labSnapshots, STANDARD_COMMANDS, type LabCase } from '../../test/diagnosis-lab.js';
import { snapshotFromOutputs } from '../captures.js';
import { buildView } from '../view.js';
import { ikeRules } from './ike.js';
import type { Candidate } from './rule.js';

function candidatesOf(labCase: LabCase): Candidate[] {
  const view = buildView(labSnapshots(labCase));
  return ikeRules.flatMap((rule) => rule.run(view));
}

function only(found: Candidate[], fault: string): Candidate {
  const matching = found.filter((candidate) => candidate.rule === fault);
  expect(matching.map((candidate) => candidate.device)).toHaveLength(1);
  return matching[0]!;
}

function evidenceText(candidate: Candidate): string {
  return candidate.evidence.map((line) => `${line.device} ${line.command}: ${line.text}`).join('\n');
}

describe('IKE rules on the lab', () => {
  const cases: { fault: string; target: string; ike: 'v1' | 'v2'; device: string; shows: RegExp[] }[] = [
    {
      fault: 'isakmp-policy-mismatch',
      target: 'spoke1',
      ike: 'v1',
      device: 'spoke1',
      shows: [
        /spoke1 show running-config: encr aes$/m,
        /hub1 show running-config: encr aes 256/,
        /MM_NO_STATE/,
      ],
    },
    {
      fault: 'isakmp-policy-mismatch',
      target: 'hub1',
      ike: 'v1',
      device: 'hub1',
      shows: [/hub1 show running-config: encr aes$/m],
    },
    {
      fault: 'psk-mismatch',
      target: 'spoke1',
      ike: 'v1',
      device: 'spoke1',
      shows: [/crypto isakmp key/, /IKMP_BAD_MESSAGE/, /MM_KEY_EXCH/],
    },
    { fault: 'psk-mismatch', target: 'hub1', ike: 'v1', device: 'hub1', shows: [/crypto isakmp key/] },
    {
      fault: 'psk-mismatch',
      target: 'spoke1',
      ike: 'v2',
      device: 'spoke1',
      shows: [/crypto ikev2 keyring/, /IN-NEG/],
    },
    {
      fault: 'ike-no-psk-for-peer',
      target: 'spoke1',
      ike: 'v1',
      device: 'spoke1',
      shows: [/interface Tunnel0/, /IKE/],
    },
    { fault: 'ike-no-psk-for-peer', target: 'hub1', ike: 'v1', device: 'hub1', shows: [/interface Tunnel0/] },
    {
      fault: 'ike-no-psk-for-peer',
      target: 'spoke1',
      ike: 'v2',
      device: 'spoke1',
      shows: [/interface Tunnel0/],
    },
    {
      fault: 'ikev2-negotiation-failure',
      target: 'spoke1',
      ike: 'v2',
      device: 'spoke1',
      shows: [/encryption aes-cbc-128/, /encryption aes-cbc-256/, /IN-NEG/],
    },
    {
      fault: 'ikev2-negotiation-failure',
      target: 'hub1',
      ike: 'v2',
      device: 'hub1',
      shows: [/hub1 show running-config: encryption aes-cbc-128/],
    },
  ];
  for (const { fault, target, ike, device, shows } of cases) {
    it(`${fault} on ${target} (IKE${ike}) is named on ${device} from the configs of both ends`, () => {
      const found = candidatesOf({ options: { ike }, fault: { id: fault, target } });
      expect(found.map((candidate) => candidate.rule)).toEqual([fault]);
      const finding = only(found, fault);
      expect(finding.device).toBe(device);
      expect(finding.confidence).toBe('confirmed');
      expect(finding.severity).toBe('critical');
      for (const pattern of shows) expect(evidenceText(finding)).toMatch(pattern);
      expect(finding.remediation).toMatch(/^crypto (isakmp|ikev2)/m);
      // A hub at odds with the cloud is one finding listing the spokes it cuts off.
      if (device === 'hub1') expect(finding.affected).toEqual(['spoke1', 'spoke2']);
    });
  }

  it("without running-configs, MM_KEY_EXCH and the hub's IKMP_BAD_MESSAGE still name a key mismatch", () => {
    const commands = STANDARD_COMMANDS.filter((command) => command !== 'show running-config');
    const found = candidatesOf({ fault: { id: 'psk-mismatch', target: 'spoke1' }, commands });
    const finding = only(found, 'psk-mismatch');
    expect(finding.confidence).toBe('probable');
    expect(evidenceText(finding)).toMatch(/MM_KEY_EXCH/);
    expect(evidenceText(finding)).toMatch(
      /hub1 show logging: .*IKMP_BAD_MESSAGE: IKE message from 198\.18\.0\.1/,
    );
    expect(finding.notChecked.join(' ')).toMatch(/running-config of spoke1/);
  });

  it('without running-configs, an IKEv2 SA stuck IN-NEG with nothing agreed is a possible negotiation failure that underlay evidence overrides', () => {
    const commands = STANDARD_COMMANDS.filter((command) => command !== 'show running-config');
    const found = candidatesOf({
      options: { ike: 'v2' },
      fault: { id: 'ikev2-negotiation-failure', target: 'spoke1' },
      commands,
    });
    const finding = only(found, 'ikev2-negotiation-failure');
    expect(finding.confidence).toBe('possible');
    expect(finding.excludedBy).toContain('ike-udp-blocked');
    expect(finding.toConfirm.join(' ')).toMatch(/NO_PROPOSAL_CHOSEN/);
  });

  for (const ike of ['v1', 'v2'] as const) {
    it(`DPD tearing the SAs down every 5 minutes is ike-sa-flapping-dpd on the spoke (IKE${ike})`, () => {
      const found = candidatesOf({
        options: { ike },
        fault: { id: 'ike-sa-flapping-dpd', target: 'spoke1' },
        atSeconds: 960,
      });
      const finding = only(found, 'ike-sa-flapping-dpd');
      expect(finding.device).toBe('spoke1');
      expect(finding.peer).toBe('hub1');
      expect(finding.title).toMatch(/3 times \(every 00:05:00\)/);
      expect(evidenceText(finding)).toMatch(/socket is DOWN/);
      expect(evidenceText(finding)).toMatch(/socket is UP/);
      expect(evidenceText(finding)).toMatch(/RECVD_PKT_INV_SPI/);
      expect(finding.remediation).toMatch(
        ike === 'v1' ? /crypto isakmp keepalive 30 5/ : /dpd 30 5 on-demand/,
      );
    });
  }

  for (const target of ['spoke1', 'hub1']) {
    it(`a WAN circuit flapping on ${target} is not taken for DPD`, () => {
      const found = candidatesOf({ fault: { id: 'tunnel-flapping', target }, atSeconds: 960 });
      expect(found.filter((candidate) => candidate.rule === 'ike-sa-flapping-dpd')).toEqual([]);
    });
  }

  it('a hub whose call admission limit holds back the storm after its reload is hub-ike-cac-or-cpu', () => {
    const routers = ['hub1', 'spoke1', 'spoke2', 'spoke5', 'spoke6', 'spoke7'];
    const found = candidatesOf({
      options: { spokes: 8 },
      fault: { id: 'hub-ike-cac-or-cpu', target: 'hub1' },
      atSeconds: 650,
      routers,
    });
    const finding = only(found, 'hub-ike-cac-or-cpu');
    expect(finding.device).toBe('hub1');
    expect(evidenceText(finding)).toMatch(/crypto call admission limit ike in-negotiation-sa 2/);
    expect(evidenceText(finding)).toMatch(/MM_NO_STATE/);
    expect(finding.affected).toEqual(['spoke5', 'spoke6', 'spoke7']);
    // Once the waves are through, nothing is left to report.
    expect(
      candidatesOf({
        options: { spokes: 8 },
        fault: { id: 'hub-ike-cac-or-cpu', target: 'hub1' },
        atSeconds: 720,
        routers,
      }),
    ).toEqual([]);
  });
});

describe('IKE rules on real captures', () => {
  it('a `MM_NO_STATE ... ACTIVE (deleted)` leftover beside QM_IDLE rows raises nothing', () => {
    const raw = readFileSync(
      join(FIXTURES, 'show_crypto_isakmp_sa', 'genie__golden_output_isakmp_no_ipv4_output.txt'),
      'utf8',
    );
    const view = buildView([
      snapshotFromOutputs('hub', [{ command: 'show crypto isakmp sa', raw }], 0, 'hub'),
    ]);
    expect(ikeRules.flatMap((rule) => rule.run(view))).toEqual([]);
  });

  it('one socket DOWN/UP pair in a real log is not DPD flapping', () => {
    const lines = readFileSync(join(FIXTURES, 'syslog', 'syslog-samples.log'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('S1 |'))
      .map((line) => line.slice(4).trim());
    const raw = ['Log Buffer (8192 bytes):', '', ...lines].join('\n');
    const view = buildView([
      snapshotFromOutputs('spoke', [{ command: 'show logging', raw }], Date.UTC(2024, 8, 22)),
    ]);
    expect(view.devices[0]!.logs.length).toBeGreaterThan(0);
    expect(ikeRules.flatMap((rule) => rule.run(view))).toEqual([]);
  });
});
