// The engine on partial and hand-built input: what a real ticket carries (hub and one spoke, `show logging`, no
// running-config), decoys that are no fault, the inventory's expected tunnels, and the renderers.

import { describe, expect, it } from 'vitest';
import { labSnapshots } from '../test/diagnosis-lab.js';
import { diagnose, renderJson, renderMarkdown, renderText, snapshotsFromText } from './index.js';

const TICKET = ['show dmvpn', 'show ip nhrp nhs detail', 'show crypto isakmp sa', 'show logging'];

describe('a partial ticket', () => {
  it('hub and one spoke, logs instead of configs: the hub log pins the NHRP authentication mismatch', () => {
    const snapshots = labSnapshots({
      fault: { id: 'nhrp-auth-mismatch' },
      routers: ['hub1', 'spoke1'],
      commands: TICKET,
    });
    const [top, ...rest] = diagnose({ snapshots }).findings;
    expect(top).toMatchObject({
      rule: 'nhrp-auth-mismatch',
      device: 'spoke1',
      peer: 'hub1',
      confidence: 'confirmed',
    });
    expect(top!.evidence.map((entry) => entry.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('authentication failure (11)'),
        expect.stringMatching(/^10\.0\.0\.1 +E /),
      ]),
    );
    expect(top!.symptoms.map((symptom) => symptom.rule)).toContain('nhrp-registration-failing');
    expect(top!.toConfirm.join(' ')).toContain('ip nhrp authentication');
    expect(rest.filter((finding) => finding.severity === 'critical')).toEqual([]);
  });

  it('the spoke alone: the umbrella finding, with what the hub side would show', () => {
    const snapshots = labSnapshots({ fault: { id: 'esp-blocked' }, routers: ['spoke1'], commands: TICKET });
    const [top] = diagnose({ snapshots }).findings;
    expect(top).toMatchObject({
      rule: 'nhrp-registration-failing',
      device: 'spoke1',
      confidence: 'possible',
    });
    expect(top!.notChecked.join(' ')).toContain('hub side');
    expect(top!.toConfirm.join(' ')).toMatch(/show crypto ipsec sa/);
  });

  it('the same tunnel read from both ends separates ESP loss from an NHRP rejection', () => {
    const esp = diagnose({
      snapshots: labSnapshots({
        fault: { id: 'esp-blocked' },
        routers: ['hub1', 'spoke1'],
        commands: TICKET,
      }),
    });
    expect(esp.findings[0]).toMatchObject({ rule: 'esp-blocked', device: 'spoke1' });
    const wrongNhs = diagnose({
      snapshots: labSnapshots({
        fault: { id: 'nhs-wrong-tunnel-ip' },
        routers: ['hub1', 'spoke1'],
        commands: TICKET,
      }),
    });
    expect(wrongNhs.findings[0]).toMatchObject({ rule: 'nhs-wrong-tunnel-ip', device: 'spoke1' });
  });

  it('two polls of both ends: hub decaps flat is ESP loss, hub decaps rising is a silent drop (tunnel key)', () => {
    const polls = (fault: string) =>
      [840, 900].flatMap((atSeconds) =>
        labSnapshots({
          fault: { id: fault },
          routers: ['hub1', 'spoke1'],
          commands: [...TICKET, 'show crypto ipsec sa'],
          atSeconds,
        }).map((snapshot) => ({ ...snapshot, collectedAt: atSeconds * 1000 })),
      );
    expect(diagnose({ snapshots: polls('esp-blocked') }).findings[0]).toMatchObject({
      rule: 'esp-blocked',
      confidence: 'confirmed',
    });
    expect(diagnose({ snapshots: polls('tunnel-key-mismatch') }).findings[0]).toMatchObject({
      rule: 'tunnel-key-mismatch',
      device: 'spoke1',
      peer: 'hub1',
    });
  });

  it('a pasted session log of two routers', () => {
    const [hub, spoke] = labSnapshots({
      fault: { id: 'nhrp-network-id-missing' },
      routers: ['hub1', 'spoke1'],
      commands: TICKET,
    });
    const log = [hub!, spoke!]
      .flatMap((snapshot) =>
        snapshot.outputs.map((output) => `${snapshot.device}#${output.command}\n${output.raw}`),
      )
      .join('\n');
    const report = diagnose({ snapshots: snapshotsFromText(log, 'pasted', 0) });
    expect(report.devices.map((device) => device.name)).toEqual(['hub1', 'spoke1']);
    expect(report.findings[0]).toMatchObject({ rule: 'nhrp-network-id-missing', device: 'hub1' });
  });
});

describe('decoys and guards', () => {
  it('a different network-id on the hub is no fault', () => {
    const snapshots = labSnapshots({
      change: (network) => network.routers[0]!.tunnels.forEach((tunnel) => (tunnel.nhrp.networkId = 200)),
    });
    expect(snapshots[0]!.outputs.find((output) => output.command === 'show running-config')!.raw).toContain(
      'ip nhrp network-id 200',
    );
    expect(diagnose({ snapshots }).findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
  });

  it('input without a DMVPN command gives no finding and no error', () => {
    const report = diagnose({
      snapshots: snapshotsFromText('router1#show version\nCisco IOS Software\n', 'r', 0),
    });
    expect(report.findings).toEqual([]);
  });
});

describe('missing means down', () => {
  it('a spoke the inventory expects on the hub, absent from its table, is a finding', () => {
    const snapshots = labSnapshots({
      fault: { id: 'tunnel-admin-down', target: 'spoke2' },
      routers: ['hub1'],
      atSeconds: 7200 * 2,
    });
    const report = diagnose({ snapshots, expected: [{ hub: 'hub1', spoke: 'spoke2' }] });
    expect(report.findings[0]).toMatchObject({ rule: 'peer-missing', device: 'spoke2', peer: 'hub1' });
    expect(report.tunnels).toContainEqual(
      expect.objectContaining({ device: 'spoke2', peer: 'hub1', state: 'MISSING' }),
    );
  });
});

describe('renderers', () => {
  const report = diagnose({ snapshots: labSnapshots({ fault: { id: 'tunnel-key-mismatch' } }) });

  it('text: the fault, its evidence and its fix; colour only when asked', () => {
    const text = renderText(report);
    expect(text).toContain('CRITICAL tunnel-key-mismatch');
    expect(text).toContain('tunnel key 100');
    expect(text).not.toContain('\u001b[');
    expect(renderText(report, { colour: true })).toContain('\u001b[31;1mCRITICAL');
  });

  it('markdown: a Mermaid diagram of the tunnels coloured by state, and an evidence table', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('```mermaid\nflowchart LR');
    expect(markdown).toMatch(/n_hub1 ---\|UP\| n_spoke2/);
    expect(markdown).toContain('stroke:#c62828');
    expect(markdown).toContain('| device | command | line | text |');
  });

  it('json: the report as it is', () => {
    expect(JSON.parse(renderJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('the hub alone', () => {
  it('its NHRP error log names the fault of a spoke that was not captured', () => {
    const snapshots = labSnapshots({
      fault: { id: 'nhrp-auth-mismatch' },
      routers: ['hub1'],
      commands: TICKET,
    });
    const [top] = diagnose({ snapshots }).findings;
    expect(top).toMatchObject({
      rule: 'nhrp-auth-mismatch',
      device: '10.0.0.12',
      peer: 'hub1',
      confidence: 'probable',
    });
    expect(top!.notChecked).toEqual(['the spoke at 10.0.0.12 was not captured']);
  });
});
