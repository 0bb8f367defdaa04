// Parses `show crypto isakmp sa count`: how many IKEv1 SAs are active, standby, negotiating and dead.

import type { IsakmpSaCount } from '../model/records/ike.js';
import { defineParser } from './common/parser.js';

/** `Active ISAKMP SA's: 0`, `Currently being negotiated ISAKMP SA's: 0`, ... */
const COUNT_LINE = /^(.+?)\s+ISAKMP SA's:\s*(\d+)$/;

const COUNTERS: Record<string, keyof Omit<IsakmpSaCount, 'kind' | 'line'>> = {
  Active: 'active',
  Standby: 'standby',
  'Currently being negotiated': 'negotiating',
  Dead: 'dead',
};

export const showCryptoIsakmpSaCount = defineParser<IsakmpSaCount>({
  command: 'show crypto isakmp sa count',
  syntax: ['show crypto isakmp sa count'],
  detect: (text) => /^\s*Active ISAKMP SA's:\s*\d+/m.test(text),
  parse(out) {
    let count: IsakmpSaCount | null = null;
    for (let i = 0; i < out.lines.length; i++) {
      const text = out.lines[i]!.trim();
      if (text === '') continue;
      const match = COUNT_LINE.exec(text);
      const counter = match ? COUNTERS[match[1]!] : undefined;
      if (!counter) {
        out.warn(i, "not an `<condition> ISAKMP SA's: N` line");
        continue;
      }
      if (!count) {
        count = {
          kind: 'isakmp_sa_count',
          line: i + 1,
          active: null,
          standby: null,
          negotiating: null,
          dead: null,
        };
        out.records.push(count);
      }
      count[counter] = Number(match![2]);
    }
  },
});
