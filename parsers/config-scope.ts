// Which top-level configuration commands do not matter to DMVPN: recognised, with their blocks, and skipped.

/** First words of top-level commands (and their blocks) outside DMVPN's concern. */
const OUT_OF_SCOPE = new Set([
  'version', 'service', 'boot-start-marker', 'boot-end-marker', 'boot', 'aaa', 'enable', 'username', 'clock',
  'logging', 'line', 'snmp-server', 'snmp', 'ntp', 'control-plane', 'license', 'memory-size', 'redundancy',
  'spanning-tree', 'vtp', 'diagnostic', 'platform', 'multilink', 'archive', 'cdp', 'lldp', 'call-home', 'vrf', 'key',
  'class-map', 'policy-map', 'route-map', 'access-list', 'parameter-map', 'zone', 'zone-pair', 'object-group', 'track',
  'event', 'alias', 'process', 'mac', 'vlan', 'system', 'hw-module', 'subscriber', 'security', 'login', 'memory',
  'file', 'transceiver', 'tftp-server', 'scheduler', 'exception', 'ipv6', 'mpls', 'tacacs-server', 'tacacs',
  'radius-server', 'radius', 'dot1x', 'errdisable', 'port-channel', 'power', 'card', 'controller', 'voice', 'dial-peer',
  'telephony-service', 'sip-ua', 'application', 'gateway', 'mgcp', 'flow', 'sampler', 'netconf-yang', 'restconf',
  'pseudowire-class', 'l2vpn', 'bfd', 'bfd-template', 'template', 'monitor', 'authentication', 'wsma', 'cts',
  'device-tracking', 'table-map', 'performance', 'qos', 'auto', 'macro', 'xconnect', 'nat64', 'mls', 'fhrp',
  'default', 'ephone', 'webvpn', 'privilege', 'shell', 'iox', 'app-hosting', 'utd', 'sdwan', 'onep', 'dspfarm',
  'hostname-prefix', 'transport', 'exec-timeout', 'password', 'stopbits', 'access-class', 'kron', 'prompt',
  'downward-compatible-config', 'warm-reboot', 'cpp', 'policer', 'interface-range', 'rmon', 'dialer-list',
  'chat-script', 'vpdn', 'vpdn-group', 'pnp', 'parser', 'ethernet', 'stackwise-virtual', 'switch',
  'energywise', 'avc', 'mdns-sd', 'wireless', 'wlan', 'ap', 'nat', 'spn', 'port-security', 'udld',
  'call', 'dns', 'tod-clock', 'lacp', 'domain', 'http', 'telemetry', 'ptp', 'ipx', 'appletalk',
  'voice-card', 'voice-port', 'sccp', 'stcapp', 'ephone-dn', 'dot11', 'bba-group', 'mmi', 'cwmp', 'service-template',
  'segment-routing', 'gnxi',
]); // prettier-ignore

/** `ip ...` top-level commands outside DMVPN's concern: all but `ip route`. */
const IN_SCOPE_IP = new Set(['route']);

/** True when a top-level line (its words) is known and does not matter to DMVPN, `no ...` forms included. */
export function isOutOfScope(words: readonly string[]): boolean {
  const first = words[0] === 'no' || words[0] === 'default' ? words[1] : words[0];
  const second = words[0] === 'no' || words[0] === 'default' ? words[2] : words[1];
  if (first === undefined) return false;
  if (first === 'ip') return second !== undefined && !IN_SCOPE_IP.has(second);
  if (first === 'router') return second !== undefined;
  return OUT_OF_SCOPE.has(first);
}
