// The legend and peer-table headings `show dmvpn` and `show dmvpn detail` print, as IOS-XE prints them.

const LEGEND_HEAD = [
  'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
  '        N - NATed, L - Local, X - No Socket',
];
const LEGEND_TAIL = [
  '        # Ent --> Number of NHRP entries with same NBMA peer',
  '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
  '        UpDn Time --> Up or Down Time for a Tunnel',
  '==========================================================================',
];

/** `show dmvpn`: the legend of the IOS-XE 16 captures. */
export const SHOW_DMVPN_LEGEND: readonly string[] = [
  ...LEGEND_HEAD,
  '        T1 - Route Installed, T2 - Nexthop-override',
  '        C - CTS Capable',
  ...LEGEND_TAIL,
];

/** `show dmvpn detail`: the same legend with the temporary (`I2`) flag of later images. */
export const SHOW_DMVPN_DETAIL_LEGEND: readonly string[] = [
  ...LEGEND_HEAD,
  '        T1 - Route Installed, T2 - Nexthop-override',
  '        C - CTS Capable, I2 - Temporary',
  ...LEGEND_TAIL,
];

export const PEER_TABLE_HEADING: readonly string[] = [
  ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
  ' ----- --------------- --------------- ----- -------- -----',
];

export const DETAIL_PEER_TABLE_HEADING: readonly string[] = [
  '# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network',
  '----- --------------- --------------- ----- -------- ----- -----------------',
];
