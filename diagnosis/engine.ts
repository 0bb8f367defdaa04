// Runs the rules, then turns their candidates into a report: one finding per cause (symptoms grouped under it),
// ranked by severity, certainty and the first layer that fails.

import type { Finding, Layer, Severity } from '../model/finding.js';
import type { DmvpnPeer } from '../model/records/dmvpn.js';
import { RULES } from './rules/index.js';
import { expectedBySpoke, spokeHubPairs } from './rules/pairs.js';
import type { Candidate, Rule } from './rules/rule.js';
import {
  DEFAULT_FLAP_OPTIONS,
  type Confidence,
  type DiagnosedFinding,
  type DiagnosedTunnel,
  type DiagnosisInput,
  type DiagnosisOptions,
  type DiagnosisReport,
} from './types.js';
import { buildView, type NetworkView } from './view.js';

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'major', 'minor', 'info'];
const CONFIDENCE_ORDER: readonly Confidence[] = ['confirmed', 'probable', 'possible'];
/** Bring-up order: the first layer that fails is the cause (diagnosis-reference.md §0.1). */
export const LAYER_ORDER: readonly Layer[] = ['underlay', 'tunnel', 'ike', 'ipsec', 'nhrp', 'routing', 'mtu'];

/** The commands that let the rules check both ends; a missing one is reported so the next capture has it. */
const USEFUL_COMMANDS: readonly (readonly string[])[] = [
  ['show dmvpn'],
  ['show ip nhrp nhs'],
  ['show crypto isakmp sa', 'show crypto ikev2 sa'],
  ['show crypto ipsec sa'],
  ['show interfaces'],
  ['show logging'],
  ['show running-config'],
];

function concerns(finding: DiagnosedFinding, device: string): boolean {
  return finding.device === device || finding.affected.includes(device);
}

function rank(a: DiagnosedFinding, b: DiagnosedFinding): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    CONFIDENCE_ORDER.indexOf(a.confidence) - CONFIDENCE_ORDER.indexOf(b.confidence) ||
    LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer) ||
    b.affected.length - a.affected.length ||
    b.evidence.length - a.evidence.length
  );
}

function runRule(rule: Rule, view: NetworkView): Candidate[] {
  try {
    return rule.run(view);
  } catch (error) {
    // A rule that trips over an output it did not expect must not hide what the others found.
    return [
      {
        rule: 'engine-error',
        severity: 'info',
        layer: rule.layer,
        device: view.devices[0]?.name ?? '',
        title: `Rule ${rule.name} failed on this input`,
        explanation: (error as Error).message,
        evidence: [],
        remediation: '',
        since: 0,
        confidence: 'possible',
        affected: [],
        toConfirm: [],
        notChecked: [`rule ${rule.name}`],
        symptoms: [],
      },
    ];
  }
}

function asSymptom(candidate: Candidate): Finding {
  return {
    rule: candidate.rule,
    severity: candidate.severity,
    layer: candidate.layer,
    device: candidate.device,
    ...(candidate.interface ? { interface: candidate.interface } : {}),
    ...(candidate.peer ? { peer: candidate.peer } : {}),
    title: candidate.title,
    explanation: candidate.explanation,
    evidence: candidate.evidence,
    remediation: candidate.remediation,
    since: candidate.since,
  };
}

function strip(candidate: Candidate): DiagnosedFinding {
  const finding: Candidate = { ...candidate };
  delete finding.umbrella;
  delete finding.excludedBy;
  return finding;
}

/**
 * One cause at the hub, not one fault per spoke: when the same rule fires for every spoke of a hub (two at least)
 * with the hub as peer, the hub is the odd one out and the spokes' findings become one finding on the hub.
 */
function collapseOnHubs(candidates: Candidate[], spokesOfHub: Map<string, string[]>): Candidate[] {
  const result = [...candidates];
  for (const [hub, spokes] of spokesOfHub) {
    if (spokes.length < 2) continue;
    const rules = new Set(
      result.filter((entry) => entry.peer === hub && !entry.umbrella).map((entry) => entry.rule),
    );
    for (const rule of rules) {
      const perSpoke = result.filter(
        (entry) => entry.rule === rule && entry.peer === hub && spokes.includes(entry.device),
      );
      if (new Set(perSpoke.map((entry) => entry.device)).size < spokes.length) continue;
      const first = perSpoke[0]!;
      const onHub: Candidate = {
        ...first,
        device: hub,
        peer: undefined,
        title: `${hub}: ${first.title} (every spoke of ${hub} shows it)`,
        explanation: `Every spoke of ${hub} in the input shows the same failure towards it, so the cause is on ${hub} or its edge. ${first.explanation}`,
        evidence: perSpoke.flatMap((entry) => entry.evidence),
        affected: spokes,
        symptoms: [],
      };
      delete onHub.peer;
      for (const entry of perSpoke) result.splice(result.indexOf(entry), 1);
      result.push(onHub);
    }
  }
  return result;
}

/** One finding per cause: exclusions, duplicates merged, umbrella symptoms folded into the cause they belong to. */
export function groupCandidates(
  all: Candidate[],
  spokesOfHub = new Map<string, string[]>(),
): DiagnosedFinding[] {
  const candidates = collapseOnHubs(all, spokesOfHub);
  const specific = candidates.filter((entry) => !entry.umbrella);
  const excludes = (cause: Candidate, entry: Candidate): boolean =>
    cause !== entry &&
    (entry.excludedBy?.includes(cause.rule) ?? false) &&
    (concerns(cause, entry.device) || concerns(entry, cause.device));
  // Two candidates that exclude each other (an IKE stuck in IN-NEG that an unreachable underlay also explains) leave
  // the better ranked one, not neither.
  const kept = specific.filter(
    (entry) =>
      !specific.some(
        (other) => excludes(other, entry) && !(excludes(entry, other) && rank(entry, other) < 0),
      ),
  );
  const merged: DiagnosedFinding[] = [];
  for (const entry of kept) {
    const twin = merged.find(
      (other) =>
        other.rule === entry.rule && other.device === entry.device && other.interface === entry.interface,
    );
    if (twin) {
      twin.affected.push(...entry.affected.filter((name) => !twin.affected.includes(name)));
      twin.symptoms.push(asSymptom(entry));
      continue;
    }
    merged.push(strip(entry));
  }
  merged.sort(rank);
  // Symptoms go to the best-ranked cause concerning the same device; the umbrella stays only when none does.
  const umbrellas = candidates.filter((entry) => entry.umbrella).sort(rank);
  for (const umbrella of umbrellas) {
    const cause = merged.find((finding) => concerns(finding, umbrella.device));
    if (cause) cause.symptoms.push(asSymptom(umbrella));
    else {
      const twin = merged.find(
        (finding) => finding.rule === umbrella.rule && finding.device === umbrella.device,
      );
      if (twin) twin.symptoms.push(asSymptom(umbrella));
      else merged.push(strip(umbrella));
    }
  }
  return merged.sort(rank);
}

function tunnelsOf(view: NetworkView, findings: DiagnosedFinding[]): DiagnosedTunnel[] {
  const tunnels: DiagnosedTunnel[] = [];
  for (const device of view.devices) {
    for (const { record } of device.records<DmvpnPeer>('dmvpn_peer')) {
      const owner = view.owner(record.peerNbma) ?? view.owner(record.peerTunnel);
      tunnels.push({
        device: device.name,
        interface: record.interface,
        peer: owner?.name ?? (record.peerNbma === 'UNKNOWN' ? record.peerTunnel : record.peerNbma),
        state: record.state,
      });
    }
  }
  for (const pair of spokeHubPairs(view).filter(expectedBySpoke)) {
    const peer = pair.hub?.name ?? pair.hubNbma ?? pair.hubTunnel ?? '?';
    if (!tunnels.some((tunnel) => tunnel.device === pair.spoke.name && tunnel.peer === peer)) {
      tunnels.push({ device: pair.spoke.name, interface: pair.interface, peer, state: 'MISSING' });
    }
  }
  for (const finding of findings) {
    if (finding.rule !== 'peer-missing' || !finding.peer) continue;
    if (!tunnels.some((tunnel) => tunnel.device === finding.device && tunnel.peer === finding.peer)) {
      tunnels.push({
        device: finding.device,
        interface: finding.interface ?? null,
        peer: finding.peer,
        state: 'MISSING',
      });
    }
  }
  return tunnels;
}

export function runDiagnosis(input: DiagnosisInput, options: DiagnosisOptions = {}): DiagnosisReport {
  const view = buildView(input.snapshots, input.events ?? [], input.expected ?? [], {
    ...(options.now !== undefined ? { now: options.now } : {}),
    flap: { ...DEFAULT_FLAP_OPTIONS, ...options.flap },
  });
  const candidates = RULES.flatMap((rule) => runRule(rule, view));
  const minimum = SEVERITY_ORDER.indexOf(options.minSeverity ?? 'info');
  const spokesOfHub = new Map<string, string[]>();
  for (const pair of spokeHubPairs(view)) {
    if (!pair.hub) continue;
    const spokes = spokesOfHub.get(pair.hub.name) ?? [];
    if (!spokes.includes(pair.spoke.name)) spokes.push(pair.spoke.name);
    spokesOfHub.set(pair.hub.name, spokes);
  }
  const findings = groupCandidates(candidates, spokesOfHub).filter(
    (finding) => SEVERITY_ORDER.indexOf(finding.severity) <= minimum,
  );
  const newest = Math.max(0, ...input.snapshots.map((snapshot) => snapshot.collectedAt));
  const missingCommands = USEFUL_COMMANDS.flatMap((forms) => {
    const without = view.devices.filter((device) => !forms.some((form) => device.collected(form)));
    return without.length === 0
      ? []
      : [`${forms.join(' / ')} (not from ${without.map((device) => device.name).join(', ')})`];
  });
  return {
    generatedAt: options.now ?? newest,
    devices: view.devices.map((device) => ({
      name: device.name,
      role: device.role,
      commands: device.snapshot.outputs.map((output) => output.command),
    })),
    findings,
    tunnels: tunnelsOf(view, findings),
    missingCommands,
  };
}
