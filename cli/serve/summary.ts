// The terminal line a watching operator reads: polls, failures, the state of each hub's peers, tunnel edges, and the
// last diagnosis: its findings by severity and the likeliest causes.

import type { DiagnosisReport } from '../../diagnosis/types.js';
import type { Severity } from '../../model/finding.js';
import type { DmvpnPeer } from '../../model/records/dmvpn.js';
import type { DeviceSnapshot } from '../../model/snapshot.js';
import type { PollTally } from './store-sink.js';

/** Each hub's peers UP and in all, from its latest poll (kept as polls arrive, not read back from the store). */
export class HubPeerCounts {
  private readonly byHub = new Map<string, { up: number; total: number }>();

  polled(snapshot: DeviceSnapshot): void {
    if (snapshot.role !== 'hub') return;
    const output = snapshot.outputs.find((candidate) => candidate.command === 'show dmvpn');
    if (!output || output.parsed.error) return;
    const peers = output.parsed.records.filter(
      (record): record is DmvpnPeer => (record as { kind: string }).kind === 'dmvpn_peer',
    );
    this.byHub.set(snapshot.device, {
      up: peers.filter((peer) => peer.state === 'UP').length,
      total: peers.length,
    });
  }

  lines(): string[] {
    return [...this.byHub].map(([hub, { up, total }]) => `${hub} ${up}/${total} peers UP`);
  }
}

const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor', 'info'];
/** The line names the first findings of the ranking (the likeliest causes); the rest are counted. */
const NAMED_FINDINGS = 3;

function findingsOf(report: DiagnosisReport | null): string {
  if (!report) return 'diagnosis pending';
  if (report.findings.length === 0) return 'no findings';
  const counts = SEVERITIES.flatMap((severity) => {
    const count = report.findings.filter((finding) => finding.severity === severity).length;
    return count > 0 ? [`${count} ${severity}`] : [];
  });
  const named = report.findings
    .slice(0, NAMED_FINDINGS)
    .map((finding) => `${finding.rule}@${finding.device}`);
  const more = report.findings.length - named.length;
  return `findings: ${counts.join(', ')} (${named.join(', ')}${more > 0 ? `, +${more} more` : ''})`;
}

export function summaryLine(
  now: Date,
  devices: number,
  tally: PollTally,
  hubs: HubPeerCounts,
  diagnosis: DiagnosisReport | null = null,
): string {
  const time = now.toISOString().slice(11, 19);
  const peers = hubs.lines();
  return [
    `[${time}] ${devices} devices`,
    `${tally.polls} polls (${tally.failedPolls} failed)`,
    ...(peers.length > 0 ? peers : ['no hub polled yet']),
    `${tally.events} tunnel events`,
    findingsOf(diagnosis),
  ].join(' · ');
}
