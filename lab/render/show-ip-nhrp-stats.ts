// Renders IOS-XE `show ip nhrp stats [<interface>] [detail]`: the legend, then per tunnel its sections of `[S]`ent
// and `[R]`eceived NHRP events, two to a line, each with its error count in brackets.

import type { NhrpStatsView, RouterState } from '../model/state.js';

const LEGEND = [
  'Codes: T - Transport, O - Overlay, EP - End Point',
  '       TP - Tunnel Protection, VA - Virtual Access',
  '       [S] - Sent from NHRP, [R] - Received by NHRP',
  '       [number] - Error associated with an event',
];

type Counted = keyof Omit<NhrpStatsView, 'interface'>;

/** An event IOS prints in both forms, or (detail) only in `detail`; `count` names the view's counter behind it. */
interface Event {
  label: string;
  detail?: true;
  count?: Counted;
}

interface Section {
  title: string;
  detail?: true;
  events: Event[];
}

const plain = (...labels: string[]): Event[] => labels.map((label) => ({ label }));
const detailOnly = (...labels: string[]): Event[] => labels.map((label) => ({ label, detail: true }));

/** The sections and events in IOS-XE order; the short form prints the events not marked detail. */
const SECTIONS: Section[] = [
  {
    title: 'Interface State Event',
    events: [
      { label: '[R]UP', count: 'interfaceUp' },
      { label: '[R]Down', count: 'interfaceDown' },
      ...detailOnly('[R]Admin Down'),
      ...plain('[R]Deleted'),
      ...detailOnly('[R]Addr Changed', '[R]VRF Changed'),
      { label: '[R]Packets received', detail: true, count: 'packetsReceived' },
    ],
  },
  {
    title: 'Tunnel',
    events: [
      { label: '[S]End Point Addition', count: 'endPointAdditions' },
      { label: '[S]End Point Deletion', count: 'endPointDeletions' },
      ...detailOnly(
        '[R]O EP SB Created',
        '[R]T EP SB Created',
        '[R]T/O EP Deleted',
        '[S]Pre-Delete',
        '[R]SRC Change',
        '[R]Mode Change',
        '[R]Leave Mode',
        '[R]Decap Intercept',
        '[R]Delayed Event Unlink EP',
      ),
    ],
  },
  {
    title: 'Tunnel Protection',
    events: [
      ...plain('[S]Create TP socket', '[S]Del TP socket', '[S]Create VA', '[S]Del VA'),
      { label: '[R]UP', count: 'protectionUp' },
      { label: '[R]Down', count: 'protectionDown' },
      ...plain('[S]Reset Socket'),
      ...detailOnly('[R]Process Delayed Event', '[R]Update Delayed Event'),
    ],
  },
  {
    title: 'Tunnel QoS',
    events: [
      ...plain('[S]QoS APPLY', '[S]QoS Remove'),
      ...detailOnly('[R]QoS Policy Removed', '[R]CLI-Policy Map Deleted', '[R]CLI-Policy Map Rename'),
    ],
  },
  {
    title: 'RIB Events',
    events: [
      { label: '[S]Add Route', count: 'routesAdded' },
      ...plain('[S]Del Route'),
      { label: '[S]Add NHO', count: 'nhoAdded' },
      ...plain('[S]Del NHO', '[S]Rwatch w/o route'),
      ...detailOnly(
        '[S]Init IPDB',
        '[S]Add iPDB',
        '[S]Del iPDB',
        '[S]remove iPDB',
        '[S]RTrevise',
        '[R]Redist Callback',
        '[R]Route Add Callback',
      ),
      ...plain('[R]Route Evicted'),
      ...detailOnly('[S]Route Query'),
    ],
  },
  {
    title: 'MPLS',
    events: [
      ...plain('[S]Label Alloc', '[S]Label Release', '[S]MPLS IP Key Bind', '[S]MPLS VPN Key Bind'),
      ...detailOnly(
        '[S]Inject Packet',
        '[R]NHRP MPLS MGMT CH CB',
        '[R]Redirect',
        '[S]Label-OI Bind',
        '[S]Register MPLS',
        '[S]Unregister MPLS',
      ),
    ],
  },
  {
    title: 'BFD',
    events: [
      ...plain('[S]Client Create', '[S]Client Destroy'),
      ...detailOnly('[S]Session Create', '[S]Session Destroy', '[R]Callback'),
      ...plain('[R]Session Down', '[R]Session Up'),
      ...detailOnly('[R]Session Default'),
    ],
  },
  { title: 'CEF', detail: true, events: plain('[S]Adjacency Used', '[S]Adjacency Mark Stale') },
  {
    title: 'BGP',
    events: [
      ...plain('[S]Route Export', '[S]Route Withdrawal', '[S]Route Import', '[R]Imported Route Changed'),
      ...detailOnly(
        '[S]Route marked',
        '[S]Route unmarked',
        '[R]Route change notification',
        '[R]Exported Route Deleted',
        '[R]Withdraw All Routes',
      ),
    ],
  },
  {
    title: 'Platform',
    detail: true,
    events: plain('[R]State Change', '[R]Redirect Request', '[S]Enable', '[S]Disable'),
  },
];

/** `[R]UP                         : 2[0]`: the label in 30 columns; the lab's events never fail, so `[0]`. */
function eventText(event: Event, stats: NhrpStatsView): string {
  const count = event.count === undefined ? 0 : stats[event.count];
  return `${event.label.padEnd(30)}: ${count}[0]`;
}

function pushSections(lines: string[], stats: NhrpStatsView, detail: boolean): void {
  for (const section of SECTIONS) {
    if (section.detail && !detail) continue;
    lines.push('', ` ${section.title} Stats:`);
    const events = section.events.filter((event) => detail || !event.detail);
    for (let i = 0; i < events.length; i += 2) {
      const left = eventText(events[i]!, stats);
      const right = events[i + 1];
      // The second event starts 40 columns after the first (a longer count still leaves a space).
      lines.push(
        right === undefined ? `        ${left}` : `        ${left.padEnd(39)} ${eventText(right, stats)}`,
      );
    }
  }
}

/**
 * `interfaceName` (a tunnel the router has) prints that tunnel's sections alone; without it every NHRP tunnel
 * prints under its name.
 */
export function renderShowIpNhrpStats(state: RouterState, detail = false, interfaceName?: string): string {
  const all = state.nhrpStats ?? [];
  const shown = interfaceName === undefined ? all : all.filter((stats) => stats.interface === interfaceName);
  const lines = [...LEGEND];
  for (const stats of shown) {
    if (interfaceName === undefined) lines.push('', stats.interface);
    pushSections(lines, stats, detail);
  }
  return `${lines.join('\n')}\n`;
}
