// The terminal line a watching operator reads: polls, failures, the state of each hub's peers, tunnel edges, and the
// last diagnosis: its findings by severity and the likeliest causes.

import type { DiagnosisReport } from '../../diagnosis/types.js';
import type { Severity } from '../../model/finding.js';
import type { DmvpnPeer } from '../../model/records/dmvpn.js';
import type { StateStore } from '../../storage/state-store.js';
import type { PollTally } from './store-sink.js';

function hubPeers(state: StateStore): string[] {
  return state
    .latestSnapshots()
    .filter((snapshot) => snapshot.role === 'hub')
    .map((snapshot) => {
      const output = snapshot.outputs.find((candidate) => candidate.command === 'show dmvpn');
      const peers = (output?.parsed.records ?? []).filter(
        (record): record is DmvpnPeer => (record as { kind: string }).kind === 'dmvpn_peer',
      );
      const up = peers.filter((peer) => peer.state === 'UP').length;
      return `${snapshot.device} ${up}/${peers.length} peers UP`;
    });
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
  state: StateStore,
  diagnosis: DiagnosisReport | null = null,
): string {
  const time = now.toISOString().slice(11, 19);
  const hubs = hubPeers(state);
  return [
    `[${time}] ${devices} devices`,
    `${tally.polls} polls (${tally.failedPolls} failed)`,
    ...(hubs.length > 0 ? hubs : ['no hub polled yet']),
    `${tally.events} tunnel events`,
    findingsOf(diagnosis),
  ].join(' · ');
}
