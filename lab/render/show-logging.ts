// Renders `show logging` as IOS-XE prints it: the status of each logging destination, then the log buffer, whose
// oldest messages the newest overwrite once it is full.

import type { LogMessageView, RouterState } from '../model/state.js';
import { syslogTimestamp } from './syslog-timestamp.js';

/** `logging buffered` without a size on IOS-XE. */
export const DEFAULT_LOG_BUFFER_BYTES = 102_400;

/** `Trap logging: level informational` forwards severities 0 to 6. */
const TRAP_LEVEL = 6;
const SEVERITY = /%[A-Z0-9_]+(?:-[A-Z0-9_]+)*?-([0-7])-[A-Z0-9_]+/;

/** Messages a destination at `informational` passes: coded messages of severity 6 or less (debugs are 7). */
function trapLogged(logs: readonly LogMessageView[]): number {
  let count = 0;
  for (const log of logs) {
    const severity = SEVERITY.exec(log.text);
    if (severity && Number(severity[1]) <= TRAP_LEVEL) count++;
  }
  return count;
}

function statusLines(logs: readonly LogMessageView[], bufferBytes: number): string[] {
  const logged = logs.length;
  return [
    'Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)',
    '',
    'No Active Message Discriminator.',
    '',
    '',
    '',
    'No Inactive Message Discriminator.',
    '',
    '',
    `    Console logging: level debugging, ${logged} messages logged, xml disabled,`,
    '                     filtering disabled',
    '    Monitor logging: level debugging, 0 messages logged, xml disabled,',
    '                     filtering disabled',
    `    Buffer logging:  level debugging, ${logged} messages logged, xml disabled,`,
    '                    filtering disabled',
    '    Exception Logging: size (4096 bytes)',
    '    Count and timestamp logging messages: disabled',
    '    File logging: disabled',
    '    Persistent logging: disabled',
    '',
    'No active filter modules.',
    '',
    `    Trap logging: level informational, ${trapLogged(logs)} message lines logged`,
    '        Logging Source-Interface:       VRF Name:',
    '        TLS Profiles: ',
    '',
    `Log Buffer (${bufferBytes} bytes):`,
  ];
}

/**
 * The buffer's content, oldest first: whole messages while they fit, then the tail of the one the buffer wrapped
 * over (`7:04: %LINEPROTO-5-UPDOWN: ...`), as IOS shows a full circular buffer. The buffer starts with an empty
 * line, the first thing a full buffer overwrites.
 */
function bufferedLines(
  logs: readonly LogMessageView[],
  bufferBytes: number,
  clockStartMs?: number,
): string[] {
  const kept: string[] = [];
  let free = bufferBytes;
  for (let i = logs.length - 1; i >= 0 && free > 0; i--) {
    const log = logs[i]!;
    const line = syslogTimestamp(log.atSeconds, clockStartMs) + log.text;
    const bytes = line.length + 1;
    if (bytes <= free) kept.push(line);
    else if (free > 1) kept.push(line.slice(line.length - (free - 1)));
    free -= bytes;
  }
  if (free > 0) kept.push('');
  return kept.reverse();
}

export function renderShowLogging(state: RouterState, bufferBytes = DEFAULT_LOG_BUFFER_BYTES): string {
  const lines = statusLines(state.logs, bufferBytes);
  for (const line of bufferedLines(state.logs, bufferBytes, state.clockStartMs)) lines.push(line);
  return `${lines.join('\n')}\n`;
}
