// IPsec rules against the lab (each fault injected, both ends parsed from the routers' own outputs) and real captures.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../test/fixture-files.js';
import { labSnapshots, STANDARD_COMMANDS, type LabCase } from '../../test/diagnosis-lab.js';
import { snapshotFromOutputs } from '../captures.js';
import { buildView } from '../view.js';
import { ipsecRules } from './ipsec.js';
import type { Candidate } from './rule.js';

/** The standard commands with the `detail` forms of the crypto ones, which print the per-cause drop counters. */
const DETAIL_COMMANDS = STANDARD_COMMANDS.map((command) =>
  command === 'show crypto ipsec sa'
    ? 'show crypto ipsec sa detail'
    : command === 'show crypto session'
      ? 'show crypto session detail'
      : command,
);

function candidatesOf(labCase: LabCase): Candidate[] {
  const view = buildView(labSnapshots(labCase));
  return ipsecRules.flatMap((rule) => rule.run(view));
}

function evidenceText(candidate: Candidate): string {
  return candidate.evidence.map((line) => `${line.device} ${line.command}: ${line.text}`).join('\n');
}

function named(found: Candidate[], fault: string): Candidate[] {
  return found.filter((candidate) => candidate.rule === fault && !candidate.umbrella);
}

describe('phase 2 rules on the lab', () => {
  const cases: { fault: string; target: string; shows: RegExp }[] = [
    {
      fault: 'transform-set-mismatch',
      target: 'spoke1',
      shows: /spoke1 show running-config: crypto ipsec transform-set DMVPN-TS esp-aes esp-sha-hmac/,
    },
    {
      fault: 'transform-set-mismatch',
      target: 'hub1',
      shows: /hub1 show running-config: crypto ipsec transform-set DMVPN-TS esp-aes esp-sha-hmac/,
    },
    { fault: 'ipsec-mode-mismatch', target: 'hub1', shows: /hub1 show running-config: mode tunnel/ },
    { fault: 'ipsec-mode-mismatch', target: 'spoke1', shows: /spoke1 show running-config: mode tunnel/ },
    { fault: 'pfs-mismatch', target: 'hub1', shows: /hub1 show running-config: set pfs group14/ },
    { fault: 'pfs-mismatch', target: 'spoke1', shows: /spoke1 show running-config: set pfs group14/ },
  ];
  for (const { fault, target, shows } of cases) {
    it(`${fault} on ${target}: QM_IDLE, no IPsec SA, and the configs name the difference`, () => {
      const found = candidatesOf({ fault: { id: fault, target } });
      expect(found.map((candidate) => candidate.rule)).toEqual([fault]);
      const finding = found[0]!;
      expect(finding.device).toBe(target);
      expect(finding.confidence).toBe('confirmed');
      expect(evidenceText(finding)).toMatch(shows);
      expect(evidenceText(finding)).toMatch(/spoke1 show dmvpn: 1 203\.0\.113\.1 +10\.0\.0\.1 IPSEC/);
      expect(evidenceText(finding)).toMatch(/current outbound spi: 0x0\(0\)/);
      expect(finding.remediation).toMatch(/^crypto ipsec (transform-set|profile)/);
      if (target === 'hub1') expect(finding.affected).toEqual(['spoke1', 'spoke2']);
    });
  }

  it('without configs, the IPSEC state still gives a possible phase 2 failure with what to compare', () => {
    const commands = STANDARD_COMMANDS.filter((command) => command !== 'show running-config');
    const found = candidatesOf({ fault: { id: 'pfs-mismatch', target: 'hub1' }, commands });
    expect(found.length).toBeGreaterThan(0);
    for (const finding of found) {
      expect(finding.rule).toBe('transform-set-mismatch');
      expect(finding.confidence).toBe('possible');
      expect(finding.toConfirm.join(' ')).toMatch(/transforms, mode, PFS/);
      expect(evidenceText(finding)).toMatch(/UP-IDLE|IPSEC/);
    }
  });

  it('PFS on one side under IKEv2 is a rekey failure waiting to happen, then a failed rekey', () => {
    const before = named(
      candidatesOf({
        options: { ike: 'v2' },
        fault: { id: 'sa-rekey-failure', target: 'spoke1' },
        atSeconds: 900,
      }),
      'sa-rekey-failure',
    );
    expect(before).toHaveLength(1);
    expect(before[0]!.severity).toBe('major');
    expect(before[0]!.title).toMatch(/next IPsec rekey will fail \(in \d\d:\d\d:\d\d\)/);
    expect(evidenceText(before[0]!)).toMatch(/set pfs group19/);
    const after = named(
      candidatesOf({
        options: { ike: 'v2' },
        fault: { id: 'sa-rekey-failure', target: 'spoke1' },
        atSeconds: 3600,
      }),
      'sa-rekey-failure',
    );
    expect(after).toHaveLength(1);
    expect(after[0]!.severity).toBe('critical');
    expect(after[0]!.explanation).toMatch(/every rekey since fails/);
  });
});

describe('phase 2 rules on the lab, IKEv2', () => {
  it('PFS on the hub only: the spokes fail one by one at their rekeys, one critical finding for the hub', () => {
    const found = candidatesOf({
      options: { ike: 'v2', spokes: 4 },
      fault: { id: 'pfs-mismatch', target: 'hub1' },
      routers: ['hub1', 'spoke1', 'spoke2', 'spoke3'],
    });
    expect(found.map((candidate) => [candidate.rule, candidate.device, candidate.severity])).toEqual([
      ['sa-rekey-failure', 'hub1', 'critical'],
    ]);
    expect(found[0]!.affected.sort()).toEqual(['spoke1', 'spoke2', 'spoke3']);
  });
});

describe('data plane rules on the lab', () => {
  it('ESP reordered towards a spoke: anti-replay drops counted per SA (detail) and logged', () => {
    const found = candidatesOf({
      fault: { id: 'anti-replay-drops', target: 'spoke1' },
      commands: DETAIL_COMMANDS,
    });
    expect(found.map((candidate) => candidate.rule)).toEqual(['anti-replay-drops']);
    expect(found[0]!.device).toBe('spoke1');
    expect(evidenceText(found[0]!)).toMatch(/##pkts replay failed \(rcv\): 450/);
    expect(evidenceText(found[0]!)).toMatch(/%IPSEC-3-REPLAY_ERROR/);
  });

  it('without `detail`, the replay log names the drops and the bare #recv errors defer to it', () => {
    const found = candidatesOf({ fault: { id: 'anti-replay-drops', target: 'spoke1' } });
    expect(found.map((candidate) => candidate.rule).sort()).toEqual([
      'anti-replay-drops',
      'ipsec-send-recv-errors',
    ]);
    expect(found.find((candidate) => candidate.rule === 'ipsec-send-recv-errors')!.excludedBy).toContain(
      'anti-replay-drops',
    );
  });

  it('ESP corrupted towards the hub: verify failures on all its SAs, one finding for the hub', () => {
    const found = candidatesOf({
      fault: { id: 'ipsec-send-recv-errors', target: 'hub1' },
      commands: DETAIL_COMMANDS,
    });
    expect(found.map((candidate) => candidate.rule)).toEqual(['ipsec-send-recv-errors']);
    expect(found[0]!.device).toBe('hub1');
    expect(found[0]!.title).toMatch(/verify failed/);
    expect(evidenceText(found[0]!)).toMatch(/#pkts verify failed: 180/);
    expect(found[0]!.excludedBy).toBeUndefined();
  });

  it('SAs cleared on the hub without DPD: invalid SPI from every spoke still sending on its old SA', () => {
    const found = candidatesOf({
      fault: { id: 'invalid-spi-desync', target: 'hub1' },
      commands: DETAIL_COMMANDS,
    });
    const desync = named(found, 'invalid-spi-desync');
    expect(desync.map((candidate) => candidate.peer).sort()).toEqual(['spoke1', 'spoke2']);
    const spoke1 = desync.find((candidate) => candidate.peer === 'spoke1')!;
    expect(spoke1.device).toBe('hub1');
    expect(spoke1.confidence).toBe('confirmed');
    expect(evidenceText(spoke1)).toMatch(/hub1 show logging: .*RECVD_PKT_INV_SPI.*srcaddr=198\.18\.0\.1/);
    expect(evidenceText(spoke1)).toMatch(
      /hub1 show crypto ipsec sa detail: #pkts no sa \(send\) 0, #pkts invalid sa \(rcv\) \d+/,
    );
    expect(evidenceText(spoke1)).toMatch(
      /spoke1 show crypto ipsec sa detail: current outbound spi: 0x54469F02/,
    );
    expect(spoke1.explanation).toMatch(/DPD is not configured/);
    expect(spoke1.remediation).toMatch(/crypto isakmp invalid-spi-recovery/);
  });

  it('a hub back from a reboot while its spokes keep their SAs: stale-sa, not an SPI desync', () => {
    const found = candidatesOf({ fault: { id: 'stale-sa', target: 'hub1' }, atSeconds: 620 });
    const stale = named(found, 'stale-sa');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.device).toBe('hub1');
    expect(stale[0]!.affected).toEqual(['spoke1', 'spoke2']);
    expect(evidenceText(stale[0]!)).toMatch(
      /hub1 show logging: .*%LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to up/,
    );
    expect(named(found, 'invalid-spi-desync')).toEqual([]);
    // DPD rebuilds the SAs within a minute: nothing stale is left to report.
    expect(
      named(candidatesOf({ fault: { id: 'stale-sa', target: 'hub1' }, atSeconds: 700 }), 'stale-sa'),
    ).toEqual([]);
  });

  it("ESP blocked towards the hub leaves the spoke encrypting with nothing back: one-way-traffic narrowed by the hub's counters", () => {
    const found = candidatesOf({ fault: { id: 'esp-blocked', target: 'spoke1' } });
    const oneWay = found.filter((candidate) => candidate.rule === 'one-way-traffic');
    expect(oneWay.length).toBeGreaterThan(0);
    for (const umbrella of oneWay) {
      expect(umbrella.umbrella).toBe(true);
      expect(umbrella.excludedBy).toContain('esp-blocked');
    }
    expect(oneWay.find((candidate) => candidate.device === 'spoke1')?.explanation).toMatch(/lost on the way/);
  });

  it('reads a filtered `show crypto ipsec sa | include peer|encaps|decaps` of both ends', () => {
    const command = 'show crypto ipsec sa | include peer|encaps|decaps';
    const snapshots = labSnapshots({
      fault: { id: 'esp-blocked', target: 'spoke1' },
      routers: ['hub1', 'spoke1'],
    }).map((snapshot) => {
      const full = snapshot.outputs.find((output) => output.command === 'show crypto ipsec sa')!.raw;
      const raw = full
        .split('\n')
        .filter((line) => /peer|encaps|decaps/.test(line))
        .join('\n');
      // `show interfaces` beside it says which router owns which address.
      const interfaces = snapshot.outputs.find((output) => output.command === 'show interfaces')!.raw;
      const captures = [
        { command, raw },
        { command: 'show interfaces', raw: interfaces },
      ];
      return snapshotFromOutputs(snapshot.device, captures, snapshot.collectedAt, snapshot.role);
    });
    const found = ipsecRules.flatMap((rule) => rule.run(buildView(snapshots)));
    const oneWay = found.find(
      (candidate) => candidate.rule === 'one-way-traffic' && candidate.device === 'spoke1',
    );
    expect(oneWay?.title).toMatch(/ESP packets from spoke1 never reached hub1/);
    expect(oneWay?.evidence.map((line) => line.command)).toContain(command);
  });

  it('DPD rebuilding the SAs logs one invalid SPI per rebuild: not a desync', () => {
    const found = candidatesOf({ fault: { id: 'ike-sa-flapping-dpd', target: 'spoke1' }, atSeconds: 960 });
    expect(named(found, 'invalid-spi-desync')).toEqual([]);
  });
});

/** Two polls a minute apart: the older snapshots moved back by a minute so the view reads them as the poll before. */
function twoPolls(labCase: LabCase): ReturnType<typeof labSnapshots> {
  const at = labCase.atSeconds ?? 900;
  const before = labSnapshots({ ...labCase, atSeconds: at - 60 }).map((snapshot) => ({
    ...snapshot,
    collectedAt: snapshot.collectedAt - 60_000,
  }));
  return [...before, ...labSnapshots(labCase)];
}

describe('IPsec rules on two polls', () => {
  it('ESP blocked: what the spoke encrypted between the polls never reached the hub', () => {
    const view = buildView(twoPolls({ fault: { id: 'esp-blocked', target: 'spoke1' } }));
    const oneWay = ipsecRules
      .flatMap((rule) => rule.run(view))
      .find((candidate) => candidate.rule === 'one-way-traffic' && candidate.device === 'spoke1');
    expect(oneWay?.title).toMatch(/^15 ESP packets from spoke1 never reached hub1$/);
    expect(oneWay?.confidence).toBe('probable');
    expect(oneWay?.toConfirm).toEqual([]);
  });

  it('anti-replay drops still rising between the polls', () => {
    const view = buildView(
      twoPolls({ fault: { id: 'anti-replay-drops', target: 'spoke1' }, commands: DETAIL_COMMANDS }),
    );
    const [finding, ...rest] = ipsecRules.flatMap((rule) => rule.run(view));
    expect(rest).toEqual([]);
    expect(finding!.title).toMatch(/\(30 packets since the previous poll/);
  });

  it('a healthy network polled twice raises nothing', () => {
    const view = buildView(twoPolls({ commands: DETAIL_COMMANDS }));
    expect(ipsecRules.flatMap((rule) => rule.run(view))).toEqual([]);
  });
});

describe('IPsec rules on real captures', () => {
  it('one replay failure among 12 million decrypted packets raises nothing', () => {
    const raw = readFileSync(
      join(FIXTURES, 'show_crypto_ipsec_sa_detail', 'ntc__cisco_ios_show_crypto_ipsec_sa_detail.raw'),
      'utf8',
    );
    const view = buildView([
      snapshotFromOutputs('hub', [{ command: 'show crypto ipsec sa detail', raw }], 0, 'hub'),
    ]);
    expect(view.devices[0]!.records('ipsec_sa').length).toBeGreaterThan(1);
    expect(ipsecRules.flatMap((rule) => rule.run(view))).toEqual([]);
  });

  it('a single invalid-SPI message (as at a rekey) raises nothing', () => {
    const line = readFileSync(join(FIXTURES, 'syslog', 'syslog-samples.log'), 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('S6 |'))!
      .slice(4)
      .trim();
    const raw = ['Log Buffer (8192 bytes):', '', line].join('\n');
    const view = buildView([
      snapshotFromOutputs('hub', [{ command: 'show logging', raw }], Date.UTC(2024, 9, 25), 'hub'),
    ]);
    expect(view.devices[0]!.logs).toHaveLength(1);
    expect(ipsecRules.flatMap((rule) => rule.run(view))).toEqual([]);
  });

  it('UP-NO-IKE and UP-IDLE sessions of a real hub raise nothing without a failing tunnel', () => {
    const raw = readFileSync(
      join(
        FIXTURES,
        'show_dmvpn_detail',
        'pavel956_Otus_network_proff__r15_hub_tunnel100_tunnel500_crypto.raw',
      ),
      'utf8',
    );
    const view = buildView([snapshotFromOutputs('hub', [{ command: 'show dmvpn detail', raw }], 0, 'hub')]);
    expect(ipsecRules.flatMap((rule) => rule.run(view))).toEqual([]);
  });
});
