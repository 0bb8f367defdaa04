// Both ends of each spoke-to-hub tunnel: what the spoke shows for its NHS, and what the hub shows for the spoke.

import type { ConfigInterface } from '../../model/records/config.js';
import type { DmvpnPeer, DmvpnPeerState } from '../../model/records/dmvpn.js';
import type { IkeSa } from '../../model/records/ike.js';
import type { IpsecSa } from '../../model/records/ipsec.js';
import type { NhsEntry, NhrpPendingRegistration } from '../../model/records/nhrp-server.js';
import type { SyslogEvent } from '../../model/records/syslog.js';
import { previousRecords, type DeviceView, type Located, type NetworkView } from '../view.js';

export interface SpokeHubPair {
  spoke: DeviceView;
  interface: string | null;
  /** The NHS as the spoke has it configured / shows it. */
  hubTunnel: string | null;
  hubNbma: string | null;
  /** The hub device, found by the NBMA or tunnel address the spoke uses (undefined when not in the input). */
  hub: DeviceView | undefined;
  /** The spoke's `show dmvpn` row for the hub. */
  row: Located<DmvpnPeer> | undefined;
  /** The spoke's `show ip nhrp nhs` entry for the hub. */
  nhs: Located<NhsEntry> | undefined;
  /** The spoke's config lines naming the hub (`ip nhrp nhs`, `ip nhrp map`). */
  config: Located<ConfigInterface> | undefined;
  state: DmvpnPeerState | null;
  /** The spoke's IKE SAs towards the hub NBMA, its IPsec SA block for it. */
  spokeIke: Located<IkeSa>[];
  spokeIpsec: Located<IpsecSa> | undefined;
  /** What the hub shows for this spoke. */
  hubRows: Located<DmvpnPeer>[];
  hubIke: Located<IkeSa>[];
  hubIpsec: Located<IpsecSa> | undefined;
  /** Hub log lines naming the spoke's tunnel or NBMA address. */
  hubLogs: Located<SyslogEvent>[];
  /** Pending registrations towards this NHS. */
  pending: Located<NhrpPendingRegistration>[];
  /** The spoke's last `NHRP_NHS_UP/DOWN` log line for this NHS (a ticket may carry only `show logging`). */
  lastNhsLog: Located<SyslogEvent> | undefined;
}

/** The pair is not healthy: its row is not UP, or its NHS does not answer. */
export function failing(pair: SpokeHubPair): boolean {
  if (pair.state && pair.state !== 'UP') return true;
  if (pair.nhs) return !pair.nhs.record.up && !pair.nhs.record.waiting;
  // With the tables at hand an NHS they do not list is not failing: its log lines are history.
  if (pair.state || pair.spoke.collected('show dmvpn') || pair.spoke.collected('show ip nhrp nhs'))
    return false;
  const detail = pair.lastNhsLog?.record.detail;
  return detail?.type === 'nhrp_peer' && !detail.up;
}

/** The spoke's config or NHS table names this hub (a log line alone is history, not an expectation). */
export function expectedBySpoke(pair: SpokeHubPair): boolean {
  return pair.config !== undefined || pair.nhs !== undefined || pair.row !== undefined;
}

function logNames(event: SyslogEvent, addresses: Set<string>): boolean {
  const detail = event.detail;
  if (!detail) return false;
  const named: (string | null | undefined)[] = [];
  switch (detail.type) {
    case 'nhrp_peer':
      named.push(detail.peerTunnel, detail.peerNbma);
      break;
    case 'nhrp_error':
      named.push(detail.peerTunnel, detail.peerNbma);
      break;
    case 'crypto_socket':
      named.push(detail.remoteNbma);
      break;
    case 'packet_not_ipsec':
    case 'invalid_spi':
      named.push(detail.source);
      break;
    case 'ike_mode_failure':
    case 'ike_no_sa':
    case 'crypto_session':
      named.push(detail.peer);
      break;
    default:
      return false;
  }
  return named.some((address) => address !== null && address !== undefined && addresses.has(address));
}

/** Log lines of `device` that name one of `addresses` as the peer. */
export function logsNaming(device: DeviceView, addresses: Set<string>): Located<SyslogEvent>[] {
  return device.logs.filter(({ record }) => logNames(record, addresses));
}

const pairsOfView = new WeakMap<NetworkView, SpokeHubPair[]>();

/** Every spoke-to-hub pair of the view (computed once per view; rules must not change the pairs). */
export function spokeHubPairs(view: NetworkView): SpokeHubPair[] {
  let pairs = pairsOfView.get(view);
  if (!pairs) {
    pairs = buildPairs(view);
    pairsOfView.set(view, pairs);
  }
  return pairs;
}

function buildPairs(view: NetworkView): SpokeHubPair[] {
  const pairs: SpokeHubPair[] = [];
  for (const spoke of view.devices.filter((device) => device.role !== 'hub')) {
    const byKey = new Map<string, SpokeHubPair>();
    const get = (tunnel: string | null, nbma: string | null, iface: string | null): SpokeHubPair => {
      const existing = [...byKey.values()].find(
        (pair) => (tunnel !== null && pair.hubTunnel === tunnel) || (nbma !== null && pair.hubNbma === nbma),
      );
      if (existing) {
        existing.hubTunnel ??= tunnel;
        existing.hubNbma ??= nbma;
        existing.interface ??= iface;
        return existing;
      }
      const pair: SpokeHubPair = {
        spoke,
        interface: iface,
        hubTunnel: tunnel,
        hubNbma: nbma,
        hub: undefined,
        row: undefined,
        nhs: undefined,
        config: undefined,
        state: null,
        spokeIke: [],
        spokeIpsec: undefined,
        hubRows: [],
        hubIke: [],
        hubIpsec: undefined,
        hubLogs: [],
        pending: [],
        lastNhsLog: undefined,
      };
      byKey.set(`${tunnel}/${nbma}`, pair);
      return pair;
    };
    for (const located of spoke.logs) {
      const detail = located.record.detail;
      if (detail?.type !== 'nhrp_peer' || detail.role !== 'nhs') continue;
      get(detail.peerTunnel, detail.peerNbma, detail.interface).lastNhsLog = located;
    }
    for (const located of spoke.records<NhsEntry>('nhrp_nhs')) {
      get(located.record.nhs, located.record.nbma, located.record.interface).nhs = located;
    }
    for (const located of spoke.records<DmvpnPeer>('dmvpn_peer')) {
      const { record } = located;
      if (!record.attrs.includes('S')) continue;
      const nbma = record.peerNbma === 'UNKNOWN' ? null : record.peerNbma;
      const pair = get(record.peerTunnel, nbma, record.interface);
      pair.row ??= located;
      pair.state ??= record.state;
    }
    for (const located of spoke.records<ConfigInterface>('config_interface')) {
      const nhrp = located.record.nhrp;
      if (!nhrp) continue;
      for (const nhs of nhrp.nhs) {
        if (nhs.server === 'dynamic') continue;
        const nbma = nhs.nbma ?? nhrp.maps.find((map) => map.tunnel === nhs.server)?.nbma ?? null;
        get(nhs.server, nbma, located.record.name).config = located;
      }
      for (const map of nhrp.maps) get(map.tunnel, map.nbma, located.record.name).config ??= located;
    }
    for (const pair of byKey.values()) {
      pair.hub = view.owner(pair.hubNbma) ?? view.owner(pair.hubTunnel);
      if (pair.hub === spoke) pair.hub = undefined;
      pair.spokeIke = spoke
        .records<IkeSa>('ike_sa')
        .filter(({ record }) => record.remote === pair.hubNbma || record.dst === pair.hubNbma);
      pair.spokeIpsec = spoke
        .records<IpsecSa>('ipsec_sa')
        .find(({ record }) => record.remote === pair.hubNbma);
      pair.pending = spoke
        .records<NhrpPendingRegistration>('nhrp_pending_registration')
        .filter(({ record }) => record.nhs === pair.hubTunnel);
      const hub = pair.hub;
      if (hub) {
        const nbma = spoke.nbmaAddresses;
        const tunnel = spoke.tunnelAddresses;
        pair.hubRows = hub
          .records<DmvpnPeer>('dmvpn_peer')
          .filter(({ record }) => nbma.has(record.peerNbma) || tunnel.has(record.peerTunnel));
        pair.hubIke = hub
          .records<IkeSa>('ike_sa')
          .filter(({ record }) => nbma.has(record.remote) || (record.src !== null && nbma.has(record.src)));
        pair.hubIpsec = hub
          .records<IpsecSa>('ipsec_sa')
          .find(({ record }) => record.remote !== null && nbma.has(record.remote));
        pair.hubLogs = logsNaming(hub, spoke.addresses);
      }
      pairs.push(pair);
    }
  }
  return pairs;
}

/** A display name for the far end of a pair: the hub's device name, else its addresses. */
export function hubName(pair: SpokeHubPair): string {
  return pair.hub?.name ?? pair.hubNbma ?? pair.hubTunnel ?? 'the hub';
}

/** The IKE SAs up (QM_IDLE / READY) in a list. */
export function ikeUp(sas: Located<IkeSa>[]): boolean {
  return sas.some(({ record }) => record.up);
}

/** IKE stuck before phase 1 completes, ignoring `(deleted)` leftovers beside an SA that is up. */
export function ikeStuck(sas: Located<IkeSa>[]): Located<IkeSa> | undefined {
  if (ikeUp(sas)) return undefined;
  return sas.find(({ record }) => !record.up && !record.deleted) ?? sas.find(({ record }) => !record.up);
}

/**
 * How the hub's IPsec counters for the spoke moved since the previous poll (§0.2: decaps flat = ESP lost on the
 * way, decaps rising with encaps flat = the hub decrypts and drops); null without two polls of the hub.
 */
export function hubCounterDeltas(pair: SpokeHubPair): { encaps: number; decaps: number } | null {
  const now = pair.hubIpsec?.record;
  if (!pair.hub || !now || now.pktsEncaps === null || now.pktsDecaps === null) return null;
  const before = previousRecords<IpsecSa>(pair.hub, 'ipsec_sa').find(
    (record) => record.remote === now.remote,
  );
  if (!before || before.pktsEncaps === null || before.pktsDecaps === null) return null;
  return { encaps: now.pktsEncaps - before.pktsEncaps, decaps: now.pktsDecaps - before.pktsDecaps };
}
