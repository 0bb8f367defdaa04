// MTU rule: a DMVPN tunnel that does not lower its IP MTU and TCP MSS for the GRE and ESP overhead.

import type { Evidence } from '../../model/finding.js';
import type { IpsecSa } from '../../model/records/ipsec.js';
import { evidenceOf, findLine } from '../view.js';
import { dmvpnTunnelConfigs } from './config.js';
import { candidate, type Candidate, type Rule } from './rule.js';

/** What a DMVPN tunnel carries without fragmenting once GRE and ESP are added (Cisco's design guide values). */
const TUNNEL_IP_MTU = 1400;
const TUNNEL_MSS = 1360;

const mtuMssMissing: Rule = {
  name: 'mtu/mss-missing',
  layer: 'mtu',
  faults: ['mtu-mss-missing'],
  run(view) {
    const found: Candidate[] = [];
    for (const device of view.devices) {
      const plaintext = device
        .records<IpsecSa>('ipsec_sa')
        .find(({ record }) => record.plaintextMtu !== null && record.plaintextMtu > 0);
      const limit = plaintext?.record.plaintextMtu ?? null;
      for (const tunnel of dmvpnTunnelConfigs(device)) {
        const { ipMtu, tcpAdjustMss, name, shutdown } = tunnel.record;
        if (shutdown) continue;
        // An ip mtu above what ESP leaves (plaintext mtu) is as bad as none: full-size packets fragment after encryption.
        const mtuTooBig = ipMtu === null || (limit !== null && ipMtu > limit);
        const mssMissing = tcpAdjustMss === null;
        if (!mtuTooBig && !mssMissing) continue;
        const missing = [
          mtuTooBig
            ? ipMtu === null
              ? '`ip mtu`'
              : `\`ip mtu ${ipMtu}\` above the plaintext MTU ${limit}`
            : null,
          mssMissing ? '`ip tcp adjust-mss`' : null,
        ].filter((text): text is string => text !== null);
        const evidence: (Evidence | undefined)[] = [
          evidenceOf(tunnel),
          ipMtu !== null
            ? findLine(device.name, tunnel.output, /^\s*ip mtu /, tunnel.record.line)
            : undefined,
          plaintext && findLine(device.name, plaintext.output, /plaintext mtu/, plaintext.record.line),
        ];
        found.push(
          candidate(
            {
              rule: 'mtu-mss-missing',
              severity: mtuTooBig && mssMissing ? 'major' : 'minor',
              layer: 'mtu',
              device: device.name,
              interface: name,
              title: `${name ?? 'The tunnel'} of ${device.name} lacks ${missing.join(' and ')}`,
              explanation:
                `Without \`ip mtu ${TUNNEL_IP_MTU}\` and \`ip tcp adjust-mss ${TUNNEL_MSS}\` full-size packets no longer fit ` +
                `once GRE and ESP are added${limit ? ` (ESP leaves ${limit} bytes here)` : ''}: they are fragmented after ` +
                'encryption or dropped with DF set, so pings and routing work while large transfers (HTTPS, SMB) stall.',
              evidence,
              remediation: `interface ${name ?? 'Tunnel0'}\n ip mtu ${TUNNEL_IP_MTU}\n ip tcp adjust-mss ${TUNNEL_MSS}`,
              confidence: 'confirmed',
              toConfirm: ['ping <remote LAN> size 1400 df-bit over the tunnel (fails) vs size 100 (works)'],
            },
            view,
          ),
        );
      }
    }
    return found;
  },
};

export const mtuRules: readonly Rule[] = [mtuMssMissing];
