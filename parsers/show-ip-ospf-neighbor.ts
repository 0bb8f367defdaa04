// Parses `show ip ospf neighbor`: one record per adjacency, its state split from the DR/BDR role.

import type { OspfNeighbor } from '../model/records/system.js';
import { parseDuration } from './common/duration.js';
import { words } from './common/lines.js';
import { defineParser } from './common/parser.js';
import { isTerminalNoise } from './common/terminal-noise.js';

const COLUMNS = /^Neighbor ID\s+Pri\s+State\s+Dead Time\s+Address\s+Interface$/;
const STATE = /^([A-Z0-9]+)\/(?:(DR|BDR|DROTHER)|-)$/;

export const showIpOspfNeighbor = defineParser<OspfNeighbor>({
  command: 'show ip ospf neighbor',
  syntax: ['show ip ospf neighbor', 'show ip ospf neighbor <interface>', 'show ip ospf <process> neighbor'],
  detect: (text) => /^\s*Neighbor ID\s+Pri\s+State\s+Dead Time\s+Address\s+Interface\s*$/m.test(text),
  parse(out) {
    const { lines } = out;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '') continue;
      if (COLUMNS.test(text) || isTerminalNoise(text)) {
        out.recognized++;
        continue;
      }
      const neighbor = readNeighbor(words(text), i + 1);
      if (neighbor) {
        out.records.push(neighbor);
        out.recognized++;
      } else out.warn(i, 'not an OSPF neighbor row (Neighbor ID Pri State Dead Time Address Interface)');
    }
  },
});

/**
 * `10.0.0.1  0  FULL/  -  00:00:32  10.0.1.1  Tunnel0`: point-to-point and point-to-multipoint neighbors have no
 * role and IOS pads `FULL/  -`, which splits into two words.
 */
function readNeighbor(tokens: string[], line: number): OspfNeighbor | undefined {
  if (tokens.length === 7 && tokens[2]!.endsWith('/')) tokens.splice(2, 2, tokens[2]! + tokens[3]!);
  if (tokens.length !== 6) return undefined;
  const [neighborId, priority, state, deadTime, address, iface] = tokens as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const stateParts = STATE.exec(state);
  const deadTimeSeconds = parseDuration(deadTime);
  const priorityNumber = Number(priority);
  if (!stateParts || deadTimeSeconds === undefined || !Number.isInteger(priorityNumber)) return undefined;
  return {
    kind: 'ospf_neighbor',
    line,
    neighborId,
    priority: priorityNumber,
    state: stateParts[1]!,
    role: stateParts[2] ?? null,
    deadTimeSeconds,
    address,
    interface: iface,
  };
}
