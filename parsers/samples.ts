// Turns one device's parsed records into time-series samples, exactly as DESIGN.md's schema names them.

import type { DmvpnCryptoSession, DmvpnPeer } from '../model/records/dmvpn.js';
import type { CryptoSession } from '../model/records/crypto-session.js';
import type { IkeSa } from '../model/records/ike.js';
import type { IpsecSa } from '../model/records/ipsec.js';
import type { NhrpCacheEntry } from '../model/records/nhrp-cache.js';
import type { NhrpTraffic, NhsEntry } from '../model/records/nhrp-server.js';
import type { InterfaceDetail } from '../model/records/system.js';
import type { DeviceRole, FieldValue, Sample } from '../model/sample.js';

export interface SampleContext {
  device: string;
  role: DeviceRole;
  /** Milliseconds since the epoch. */
  time: number;
}

type Fields = Record<string, FieldValue | null | undefined>;
type Tags = Record<string, string | null | undefined>;

/** Builds samples keyed by measurement and tags, so that two commands reporting one thing give one point. */
class SampleSet {
  private readonly byKey = new Map<string, Sample>();

  constructor(private readonly context: SampleContext) {}

  add(measurement: string, extraTags: Tags, fields: Fields): void {
    const tags: Record<string, string> = { device: this.context.device, role: this.context.role };
    // InfluxDB drops empty tag values; an unknown identifier is left out rather than stored as ''.
    for (const [name, value] of Object.entries(extraTags)) if (value) tags[name] = value;
    const key = measurement + JSON.stringify(tags);
    const sample = this.byKey.get(key) ?? { measurement, tags, fields: {}, time: this.context.time };
    for (const [name, value] of Object.entries(fields))
      if (value !== null && value !== undefined) sample.fields[name] = value;
    if (Object.keys(sample.fields).length > 0) this.byKey.set(key, sample);
  }

  samples(): Sample[] {
    return [...this.byKey.values()];
  }
}

const bit = (value: boolean): number => (value ? 1 : 0);

const DOWN_STATES = new Set(['DOWN', 'INTF', 'BFD']);

function addDmvpnPeers(set: SampleSet, peers: readonly DmvpnPeer[]): void {
  const summaries = new Map<string, Record<string, number>>();
  for (const peer of peers) {
    set.add(
      'dmvpn_peer',
      {
        interface: peer.interface,
        peer_nbma: peer.peerNbma,
        peer_tunnel: peer.peerTunnel,
        peer_type: peer.attrs.includes('S') ? 'static' : 'dynamic',
      },
      {
        state: peer.state,
        up: bit(peer.state === 'UP'),
        uptime_s: peer.upDownSeconds,
        entries: peer.entries,
      },
    );
    const key = peer.interface ?? '';
    const summary = summaries.get(key) ?? {
      peers: 0,
      peers_up: 0,
      peers_nhrp: 0,
      peers_ike: 0,
      peers_ipsec: 0,
      peers_down: 0,
    };
    summary.peers!++;
    if (peer.state === 'UP') summary.peers_up!++;
    else if (peer.state === 'NHRP') summary.peers_nhrp!++;
    else if (peer.state === 'IKE') summary.peers_ike!++;
    else if (peer.state === 'IPSEC') summary.peers_ipsec!++;
    else if (DOWN_STATES.has(peer.state)) summary.peers_down!++;
    summaries.set(key, summary);
  }
  for (const [name, fields] of summaries) set.add('dmvpn_summary', { interface: name }, fields);
}

function addNhs(set: SampleSet, entry: NhsEntry): void {
  set.add(
    'nhrp_nhs',
    { interface: entry.interface, nhs: entry.nhs },
    { up: bit(entry.up), flags: entry.flags, req_sent: entry.reqSent, repl_recv: entry.replRecv },
  );
}

function addCacheEntry(set: SampleSet, entry: NhrpCacheEntry): void {
  // A filtered paste can leave an entry without its target line; it identifies nothing to store.
  if (entry.target === null) return;
  set.add(
    'nhrp_cache',
    { interface: entry.interface, target: entry.target, nbma: entry.nbma },
    { type: entry.type, expires_s: entry.expiresSeconds, flags: entry.flags.join(' ') },
  );
}

function addTraffic(set: SampleSet, traffic: NhrpTraffic): void {
  set.add('nhrp_traffic', { interface: traffic.interface }, traffic.counters);
}

function addIkeSa(set: SampleSet, sa: IkeSa): void {
  set.add(
    'ike_sa',
    { version: sa.version, local: sa.local, remote: sa.remote },
    { state: sa.state, up: bit(sa.up), lifetime_s: sa.lifetimeSeconds },
  );
}

function addIpsecSa(set: SampleSet, sa: IpsecSa): void {
  set.add(
    'ipsec_sa',
    { interface: sa.interface, local: sa.local, remote: sa.remote },
    {
      pkts_encaps: sa.pktsEncaps,
      pkts_decaps: sa.pktsDecaps,
      send_errors: sa.sendErrors,
      recv_errors: sa.recvErrors,
      in_sas: sa.inSas,
      out_sas: sa.outSas,
    },
  );
}

/** `show crypto session` and the crypto section of `show dmvpn detail` both describe a peer's session. */
function addCryptoSession(set: SampleSet, session: CryptoSession | DmvpnCryptoSession): void {
  if (session.peer === null) return;
  set.add(
    'crypto_session',
    { interface: session.interface, peer: session.peer },
    { status: session.status, up: session.status === null ? null : bit(session.status === 'UP-ACTIVE') },
  );
}

function addTunnelInterface(set: SampleSet, detail: InterfaceDetail): void {
  if (!/^Tu/i.test(detail.name)) return;
  set.add(
    'tunnel_if',
    { interface: detail.name },
    {
      admin_up: bit(detail.adminUp),
      oper_up: bit(detail.operUp),
      in_octets: detail.inBytes,
      out_octets: detail.outBytes,
      in_errors: detail.inErrors,
      out_errors: detail.outErrors,
      last_change_s: detail.lastChangeSeconds,
    },
  );
}

function peerKey(peer: DmvpnPeer): string {
  return `${peer.interface}|${peer.peerNbma}|${peer.peerTunnel}`;
}

type AddSamples = (set: SampleSet, record: never) => void;

/** The record kinds that carry time series, each with the function that writes its samples. */
const SAMPLES_BY_KIND: Record<string, AddSamples> = {
  nhrp_nhs: addNhs,
  nhrp_cache: addCacheEntry,
  nhrp_traffic: addTraffic,
  ike_sa: addIkeSa,
  ipsec_sa: addIpsecSa,
  crypto_session: addCryptoSession,
  dmvpn_crypto_session: addCryptoSession,
  interface: addTunnelInterface,
};

/** The samples of every record that the schema stores; records of other kinds carry no time series. */
export function recordsToSamples(records: readonly unknown[], context: SampleContext): Sample[] {
  const set = new SampleSet(context);
  // `show dmvpn` and `show dmvpn detail` both list the peers; count each once, then sum them per tunnel.
  const peers = new Map<string, DmvpnPeer>();
  for (const record of records as { kind?: string }[]) {
    if (record.kind === 'dmvpn_peer') peers.set(peerKey(record as DmvpnPeer), record as DmvpnPeer);
    else if (record.kind) SAMPLES_BY_KIND[record.kind]?.(set, record as never);
  }
  addDmvpnPeers(set, [...peers.values()]);
  return set.samples();
}
