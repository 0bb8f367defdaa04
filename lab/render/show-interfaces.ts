// Renders `show interfaces [<interface>]` as a C8000V / CSR1000v (IOS-XE 17) prints it: a vNIC, loopback or
// tunnel block per interface, the tunnel's source, mode, key, protection and linestate among its lines.

import type { InterfaceView, RouterState } from '../model/state.js';
import { iosDuration } from './durations.js';
import { vnicMacAddress } from './system-identity.js';
import { INVALID_INPUT, findInterface } from './system-interface-lookup.js';
import { interfaceStatus } from './system-interface-status.js';

type Tunnel = NonNullable<InterfaceView['tunnel']>;

/** What differs between the kinds of interface a lab router has; the rest of a block is common. */
interface InterfaceKind {
  hardware: (view: InterfaceView, hostname: string) => string;
  delayUsec: number;
  encapsulation: string;
  keepalive: string;
  inputQueueMax: number;
  outputQueueMax: number;
  /** The lines an Ethernet prints after its keepalive (duplex, flow control, ARP). */
  mediaLines: readonly string[];
  inErrorsTail: string;
  /** `Output 0 broadcasts (0 IP multicasts)`: tunnels print it, vNICs and loopbacks do not. */
  outputBroadcasts: boolean;
  /** An Ethernet's `watchdog` line after its input errors. */
  inputTailLines: readonly string[];
  /** An Ethernet's `babbles` and `lost carrier` lines after its unknown protocol drops. */
  outputTailLines: readonly string[];
}

const VNIC: InterfaceKind = {
  hardware: (view, hostname) => {
    const mac = vnicMacAddress(hostname, Number(/\d+$/.exec(view.name)?.[0] ?? 0));
    return `  Hardware is CSR vNIC, address is ${mac} (bia ${mac})`;
  },
  delayUsec: 10,
  encapsulation: 'ARPA',
  keepalive: 'Keepalive set (10 sec)',
  inputQueueMax: 375,
  outputQueueMax: 40,
  mediaLines: [
    '  Full Duplex, 1000Mbps, link type is auto, media type is Virtual',
    '  output flow-control is unsupported, input flow-control is unsupported',
    '  ARP type: ARPA, ARP Timeout 04:00:00',
  ],
  inErrorsTail: '0 CRC, 0 frame, 0 overrun, 0 ignored',
  outputBroadcasts: false,
  inputTailLines: ['     0 watchdog, 0 multicast, 0 pause input'],
  outputTailLines: [
    '     0 babbles, 0 late collision, 0 deferred',
    '     0 lost carrier, 0 no carrier, 0 pause output',
  ],
};

const LOOPBACK: InterfaceKind = {
  hardware: () => '  Hardware is Loopback',
  delayUsec: 5000,
  encapsulation: 'LOOPBACK',
  keepalive: 'Keepalive set (10 sec)',
  inputQueueMax: 75,
  outputQueueMax: 0,
  mediaLines: [],
  inErrorsTail: '0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
  outputBroadcasts: false,
  inputTailLines: [],
  outputTailLines: [],
};

const TUNNEL: InterfaceKind = {
  hardware: () => '  Hardware is Tunnel',
  delayUsec: 50000,
  encapsulation: 'TUNNEL',
  keepalive: 'Keepalive not set',
  inputQueueMax: 375,
  outputQueueMax: 0,
  mediaLines: [],
  inErrorsTail: '0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort',
  outputBroadcasts: true,
  inputTailLines: [],
  outputTailLines: [],
};

function kindOf(view: InterfaceView): InterfaceKind {
  if (view.tunnel) return TUNNEL;
  return view.name.startsWith('Loopback') ? LOOPBACK : VNIC;
}

/** `255.255.255.0` -> 24. */
function prefixLength(mask: string): number {
  let bits = 0;
  for (const octet of mask.split('.')) {
    for (let value = Number(octet); value > 0; value = (value << 1) & 0xff) bits++;
  }
  return bits;
}

/** The tunnels sharing a source interface, as the source-tracking subblock counts them. */
function tunnelsWithSource(state: RouterState, sourceInterface: string): number {
  return state.interfaces.filter((view) => view.tunnel?.sourceInterface === sourceInterface).length;
}

function pushTunnelLines(lines: string[], view: InterfaceView, tunnel: Tunnel, state: RouterState): void {
  const source = tunnel.sourceInterface;
  lines.push(
    tunnel.linestateDownReason === null
      ? '  Tunnel linestate evaluation up'
      : `  Tunnel linestate evaluation down - ${tunnel.linestateDownReason}`,
    `  Tunnel source ${tunnel.source}${source ? ` (${source})` : ''}` +
      (tunnel.destination === null ? '' : `, destination ${tunnel.destination}`),
  );
  if (source) {
    const members = tunnelsWithSource(state, source);
    lines.push(
      '   Tunnel Subblocks:',
      '      src-track:',
      `         ${view.name} source tracking subblock associated with ${source}`,
      `          Set of tunnels with source ${source}, ${members} member${members === 1 ? '' : 's'} ` +
        '(includes iterators), on interface <OK>',
    );
  }
  lines.push(
    `  Tunnel protocol/transport ${tunnel.mode}`,
    tunnel.key === null
      ? '    Key disabled, sequencing disabled'
      : `    Key 0x${tunnel.key.toString(16).toUpperCase()}, sequencing disabled`,
    '    Checksumming of packets disabled',
    '  Tunnel TTL 255, Fast tunneling enabled',
    `  Tunnel transport MTU ${tunnel.transportMtu} bytes`,
    '  Tunnel transmit bandwidth 8000 (kbps)',
    '  Tunnel receive bandwidth 8000 (kbps)',
  );
  if (tunnel.protectionProfile !== null) {
    lines.push(`  Tunnel protection via IPSec (profile "${tunnel.protectionProfile}")`);
  }
}

function pushInterface(lines: string[], view: InterfaceView, state: RouterState): void {
  const kind = kindOf(view);
  const { status, protocol } = interfaceStatus(view);
  lines.push(`${view.name} is ${status}, line protocol is ${protocol} `, kind.hardware(view, state.hostname));
  if (view.address !== null && view.mask !== null) {
    lines.push(`  Internet address is ${view.address}/${prefixLength(view.mask)}`);
  }
  lines.push(
    `  MTU ${view.mtu} bytes, BW ${view.bandwidthKbps} Kbit/sec, DLY ${kind.delayUsec} usec, `,
    '     reliability 255/255, txload 1/255, rxload 1/255',
    `  Encapsulation ${kind.encapsulation}, loopback not set`,
    `  ${kind.keepalive}`,
    ...kind.mediaLines,
  );
  if (view.tunnel) pushTunnelLines(lines, view, view.tunnel, state);
  lines.push(
    `  Last input ${iosDuration(view.lastInputSeconds)}, output ${iosDuration(view.lastOutputSeconds)}, ` +
      'output hang never',
    '  Last clearing of "show interface" counters never',
    `  Input queue: 0/${kind.inputQueueMax}/0/0 (size/max/drops/flushes); Total output drops: 0`,
    '  Queueing strategy: fifo',
    `  Output queue: 0/${kind.outputQueueMax} (size/max)`,
    '  5 minute input rate 0 bits/sec, 0 packets/sec',
    '  5 minute output rate 0 bits/sec, 0 packets/sec',
    `     ${view.inPackets} packets input, ${view.inBytes} bytes, 0 no buffer`,
    '     Received 0 broadcasts (0 IP multicasts)',
    '     0 runts, 0 giants, 0 throttles ',
    `     ${view.inErrors} input errors, ${kind.inErrorsTail}`,
    ...kind.inputTailLines,
    `     ${view.outPackets} packets output, ${view.outBytes} bytes, 0 underruns`,
  );
  if (kind.outputBroadcasts) lines.push('     Output 0 broadcasts (0 IP multicasts)');
  lines.push(
    `     ${view.outErrors} output errors, 0 collisions, 0 interface resets`,
    '     0 unknown protocol drops',
    ...kind.outputTailLines,
    '     0 output buffer failures, 0 output buffers swapped out',
  );
}

/**
 * Every interface of the router, or the one `interfaceWords` names (`['Tunnel0']`, `['tu', '0']`); a name the router
 * does not have gets IOS's refusal.
 */
export function renderShowInterfaces(state: RouterState, interfaceWords: readonly string[] = []): string {
  let views: readonly InterfaceView[] = state.interfaces;
  if (interfaceWords.length > 0) {
    const view = findInterface(state.interfaces, interfaceWords);
    if (!view) return INVALID_INPUT;
    views = [view];
  }
  const lines: string[] = [];
  for (const view of views) pushInterface(lines, view, state);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
