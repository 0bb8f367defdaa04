// Parses `show ip interface brief`: one row per interface with its address and its two states.

import type { InterfaceBrief } from '../model/records/system.js';
import { defineParser } from './common/parser.js';
import { words } from './common/lines.js';

const HEADER = /^\s*Interface\s+IP-Address\s+OK\?\s+Method\s+Status\s+Protocol\s*$/;
const STATUSES = new Set(['up', 'down', 'deleted', 'administratively down']);

export const showIpInterfaceBrief = defineParser<InterfaceBrief>({
  command: 'show ip interface brief',
  syntax: [
    'show ip interface brief',
    'show ip interface brief <interface>',
    'show ip interface brief <type> <number>',
  ],
  detect: (text) => /^\s*Interface\s+IP-Address\s+OK\?\s+Method\s+Status\s+Protocol\s*$/m.test(text),
  parse(out) {
    const { lines } = out;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '') continue;
      if (HEADER.test(line)) {
        out.recognized++;
        continue;
      }
      const row = readRow(words(line), i + 1);
      if (row) {
        out.records.push(row);
        out.recognized++;
      } else out.warn(i, 'not an interface row (Interface IP-Address OK? Method Status Protocol)');
    }
  },
});

/** `Tunnel0  10.0.0.1  YES manual administratively down down`: the status alone may be two words. */
function readRow(tokens: string[], line: number): InterfaceBrief | undefined {
  if (tokens.length !== 6 && tokens.length !== 7) return undefined;
  const [name, address, ok, method] = tokens as [string, string, string, string];
  const status = tokens.slice(4, -1).join(' ');
  const protocol = tokens[tokens.length - 1]!;
  if ((ok !== 'YES' && ok !== 'NO') || !STATUSES.has(status)) return undefined;
  if (protocol !== 'up' && protocol !== 'down') return undefined;
  return {
    kind: 'interface_brief',
    line,
    name,
    ipAddress: address === 'unassigned' ? null : address,
    ok: ok === 'YES',
    method,
    status,
    protocol,
    adminUp: status !== 'administratively down' && status !== 'deleted',
    operUp: protocol === 'up',
  };
}
