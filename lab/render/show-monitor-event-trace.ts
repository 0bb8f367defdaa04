// Renders `show monitor event-trace dmvpn all` as IOS-XE prints it with the default traces: the DMVPN tunnel and
// tunnel protection traces disabled, the NHRP event, error and exception traces each listing its events in time order.

import type { EventTraceView, RouterState } from '../model/state.js';
import { syslogTimestamp } from './syslog-timestamp.js';

const DISABLED = 'Tracing currently disabled, from exec command';
const NHRP_TRACES: EventTraceView['trace'][] = ['nhrp_event', 'nhrp_error', 'nhrp_exception'];

/** `*Nov 25 08:00:12.345: NHRP-NHS-UP tunnel: Tu0 NHS up nbma_src: ...`. */
function eventLine(event: EventTraceView, clockStartMs: number | undefined): string {
  return `${syslogTimestamp(event.atSeconds, clockStartMs)}${event.event} tunnel: ${event.interface} ${event.message}`;
}

export function renderShowMonitorEventTraceDmvpn(state: RouterState): string {
  const events = state.eventTrace ?? [];
  const lines = ['', 'dmtunnel:', '', DISABLED, ''];
  for (const trace of NHRP_TRACES) {
    lines.push('', `${trace}:`, '');
    for (const event of events) if (event.trace === trace) lines.push(eventLine(event, state.clockStartMs));
    lines.push('');
  }
  lines.push('', 'tp_ss_events:', '', DISABLED, '', 'interrupt context allocation count = 0', '');
  return `${lines.join('\n')}\n`;
}
