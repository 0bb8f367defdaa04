// The latest DMVPN state as Prometheus metrics named after DESIGN.md's schema (`dmvpn_peer_up`, `nhrp_nhs_up`,
// `ipsec_sa_pkts_encaps_total`, ...): one series per peer, SA or interface, labelled by its identifying tags only,
// so the series count follows the network's size, not the number of polls. Kept in memory per device, replaced by
// each poll, rendered at scrape time.

import type { Sample } from '../model/sample.js';
import type { DeviceSnapshot } from '../model/snapshot.js';
import { recordsToSamples } from '../parsers/samples.js';

/** Measurements exported; `nhrp_cache` is left out (one series per cached prefix grows with traffic). */
const EXPORTED = new Set([
  'dmvpn_peer',
  'dmvpn_summary',
  'nhrp_nhs',
  'nhrp_traffic',
  'ike_sa',
  'ipsec_sa',
  'crypto_session',
  'tunnel_if',
]);

/** Fields that only grow: exported as counters (`_total`). */
const COUNTERS: Record<string, 'all' | Set<string>> = {
  ipsec_sa: new Set(['pkts_encaps', 'pkts_decaps', 'send_errors', 'recv_errors']),
  nhrp_nhs: new Set(['req_sent', 'repl_recv']),
  nhrp_traffic: 'all',
  tunnel_if: new Set(['in_octets', 'out_octets', 'in_errors', 'out_errors']),
};

const HELP: Record<string, string> = {
  dmvpn_peer: 'A DMVPN peer of a tunnel interface (show dmvpn)',
  dmvpn_summary: 'Peers of a DMVPN tunnel interface by state (show dmvpn)',
  nhrp_nhs: 'A next-hop server as a spoke sees it (show ip nhrp nhs)',
  nhrp_traffic: 'NHRP packet counters of a tunnel interface (show ip nhrp traffic)',
  ike_sa: 'An IKE phase 1 SA (show crypto isakmp sa / ikev2 sa)',
  ipsec_sa: 'An IPsec peer of a tunnel (show crypto ipsec sa)',
  crypto_session: 'A crypto session (show crypto session)',
  tunnel_if: 'A tunnel interface (show interfaces)',
};

export function metricName(measurement: string, field: string): string {
  const counter = COUNTERS[measurement];
  const isCounter = counter === 'all' || (counter !== undefined && counter.has(field));
  const base = `${measurement}_${field}`.replace(/[^a-zA-Z0-9_]/g, '_');
  return isCounter ? `${base}_total` : base;
}

const escapeLabel = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class StateMetrics {
  private readonly byDevice = new Map<string, Sample[]>();

  update(snapshot: DeviceSnapshot): void {
    // A failed poll keeps the last state seen rather than dropping the device's series.
    if (snapshot.outputs.length === 0) return;
    const records = snapshot.outputs.flatMap((output) => output.parsed.records);
    const samples = recordsToSamples(records, {
      device: snapshot.device,
      role: snapshot.role,
      time: snapshot.collectedAt,
    }).filter((sample) => EXPORTED.has(sample.measurement));
    this.byDevice.set(snapshot.device, samples);
  }

  remove(device: string): void {
    this.byDevice.delete(device);
  }

  /** The Prometheus text exposition of every device's latest state. */
  render(): string {
    const series = new Map<string, { measurement: string; lines: string[] }>();
    for (const samples of this.byDevice.values()) {
      for (const sample of samples) {
        const labels = Object.entries(sample.tags)
          .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
          .join(',');
        for (const [field, value] of Object.entries(sample.fields)) {
          if (typeof value !== 'number' && typeof value !== 'boolean') continue;
          const name = metricName(sample.measurement, field);
          const entry = series.get(name) ?? { measurement: sample.measurement, lines: [] };
          entry.lines.push(`${name}{${labels}} ${Number(value)}`);
          series.set(name, entry);
        }
      }
    }
    const blocks: string[] = [];
    for (const [name, { measurement, lines }] of [...series].sort(([a], [b]) => a.localeCompare(b))) {
      const type = name.endsWith('_total') ? 'counter' : 'gauge';
      blocks.push(`# HELP ${name} ${HELP[measurement]}`, `# TYPE ${name} ${type}`, ...lines);
    }
    return blocks.length > 0 ? `${blocks.join('\n')}\n` : '';
  }
}
