// The terminal line a watching operator reads: polls, failures, the state of each hub's peers, tunnel edges.

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

export function summaryLine(now: Date, devices: number, tally: PollTally, state: StateStore): string {
  const time = now.toISOString().slice(11, 19);
  const hubs = hubPeers(state);
  return [
    `[${time}] ${devices} devices`,
    `${tally.polls} polls (${tally.failedPolls} failed)`,
    ...(hubs.length > 0 ? hubs : ['no hub polled yet']),
    `${tally.events} tunnel events`,
  ].join(' · ');
}
