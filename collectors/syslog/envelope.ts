// The syslog envelope of one message (RFC 5424, RFC 3164, or IOS's own `<PRI>seq: host: time: %...` layout): the
// priority and the sender's name it carries, and the message inside. The Cisco part is parsers/syslog's job.

export type SyslogFormat = 'rfc5424' | 'rfc3164' | 'cisco';

export interface SyslogEnvelope {
  format: SyslogFormat;
  /** PRI: facility * 8 + severity; null when the line carried none. */
  priority: number | null;
  /** The HOSTNAME field of RFC 5424 / RFC 3164 headers; null for IOS's own layout (its origin-id is in the message). */
  hostname: string | null;
  /** The header's TIMESTAMP as sent (RFC 5424 / RFC 3164), null when the format has none. */
  timestamp: string | null;
  /** RFC 5424 APP-NAME; null otherwise or when `-`. */
  appName: string | null;
  /** What follows the header: for IOS, the whole line after PRI, parsed by parseSyslogLine. */
  message: string;
}

const PRI = /^<(\d{1,3})>/;
/** `1 ` after PRI: RFC 5424's VERSION. IOS's sequence number is followed by `:`, never by a space. */
const RFC5424_VERSION = /^1 /;
const HEADER_FIELD = /^(\S+) /;
/** RFC 3164 TIMESTAMP then HOSTNAME: seconds followed by a space (IOS's own timestamps end with `:` or `.msec`). */
const RFC3164_HEADER =
  /^((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d) (\S*[^\s:]) /;

/** Characters no text line holds: NUL and the C0 controls but tab, CR and LF. */
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/;

/** The envelope of one message (no framing, trailing newline allowed); undefined when it is not syslog. */
export function readSyslogEnvelope(text: string): SyslogEnvelope | undefined {
  const line = text.replace(/[\r\n\0]+$/, '');
  if (line.trim() === '' || BINARY.test(line)) return undefined;
  const pri = PRI.exec(line);
  if (!pri) return line.includes('%') ? cisco(null, line) : undefined;
  const priority = Number(pri[1]);
  if (priority > 191) return undefined;
  const rest = line.slice(pri[0].length);
  if (RFC5424_VERSION.test(rest)) return rfc5424(priority, rest.slice(2));
  const header = RFC3164_HEADER.exec(rest);
  if (header) {
    return {
      format: 'rfc3164',
      priority,
      hostname: header[2]!,
      timestamp: header[1]!,
      appName: null,
      message: rest.slice(header[0].length),
    };
  }
  return cisco(priority, rest);
}

function cisco(priority: number | null, message: string): SyslogEnvelope {
  return { format: 'cisco', priority, hostname: null, timestamp: null, appName: null, message };
}

/** `TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]`, `-` for a field left out. */
function rfc5424(priority: number, text: string): SyslogEnvelope | undefined {
  const fields: (string | null)[] = [];
  let rest = text;
  for (let i = 0; i < 5; i++) {
    const field = HEADER_FIELD.exec(rest);
    if (!field) return undefined;
    fields.push(field[1] === '-' ? null : field[1]!);
    rest = rest.slice(field[0].length);
  }
  const dataEnd = structuredDataEnd(rest);
  if (dataEnd < 0) return undefined;
  let message = rest.slice(dataEnd);
  if (message.startsWith(' ')) message = message.slice(1);
  if (message.startsWith('\ufeff')) message = message.slice(1);
  const [timestamp, hostname, appName] = fields;
  return {
    format: 'rfc5424',
    priority,
    hostname: hostname ?? null,
    timestamp: timestamp ?? null,
    appName: appName ?? null,
    message,
  };
}

/** Index after STRUCTURED-DATA (`-` or `[id k="v"]...`, `\]` and `\"` escaped inside values); -1 when malformed. */
function structuredDataEnd(text: string): number {
  if (text.startsWith('-')) return 1;
  let position = 0;
  while (text[position] === '[') {
    let inValue = false;
    position++;
    for (;;) {
      const char = text[position];
      if (char === undefined) return -1;
      if (inValue && char === '\\') position++;
      else if (char === '"') inValue = !inValue;
      else if (!inValue && char === ']') break;
      position++;
    }
    position++;
  }
  return position === 0 ? -1 : position;
}
