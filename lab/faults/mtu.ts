// MTU fault: the tunnel no longer lowers its IP MTU and TCP MSS for the GRE and ESP overhead.

import { defineFault, type LabFault } from './fault.js';

export const mtuFaults: LabFault[] = [
  defineFault({
    id: 'mtu-mss-missing',
    title: 'Tunnel IP MTU and TCP MSS not set',
    layer: 'mtu',
    breaks:
      '`ip mtu 1400` and `ip tcp adjust-mss 1360` are gone from the tunnel: pings and routing work, large transfers stall as full-size packets are fragmented after encryption or dropped with DF.',
    defaultTarget: 'spoke',
    roles: ['spoke', 'hub'],
    change(router) {
      for (const tunnel of router.tunnels) {
        tunnel.ipMtu = null;
        tunnel.tcpAdjustMss = null;
      }
    },
  }),
];
