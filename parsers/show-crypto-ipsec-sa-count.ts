// Parses `show crypto ipsec sa count`: `IPsec SA total: 8, active: 8, rekeying: 0, unused: 0, invalid: 0`.

import type { IpsecSaCount } from '../model/records/ipsec.js';
import { countAt } from './common/numbers.js';
import { defineParser } from './common/parser.js';
import { indentOf } from './common/text.js';

type CountName = 'total' | 'active' | 'rekeying' | 'unused' | 'invalid';

const COUNTS = new Map<string, CountName>([
  ['IPsec SA total', 'total'],
  ['active', 'active'],
  ['rekeying', 'rekeying'],
  ['unused', 'unused'],
  ['invalid', 'invalid'],
]);

export const showCryptoIpsecSaCount = defineParser<IpsecSaCount>({
  command: 'show crypto ipsec sa count',
  syntax: ['show crypto ipsec sa count'],
  detect: (text) => /^\s*IPsec SA total:/m.test(text),
  parse(out) {
    for (let i = 0; i < out.lines.length; i++) {
      const line = out.lines[i]!;
      const start = indentOf(line);
      if (start === line.length) continue;
      if (!line.startsWith('IPsec SA total:', start)) {
        out.warn(i, 'not an IPsec SA count line');
        continue;
      }
      const count: IpsecSaCount = {
        kind: 'ipsec_sa_count',
        line: i + 1,
        total: null,
        active: null,
        rekeying: null,
        unused: null,
        invalid: null,
      };
      const unknown: string[] = [];
      for (const item of line.slice(start).split(',')) {
        const colon = item.indexOf(':');
        const name = COUNTS.get(item.slice(0, colon).trim());
        const value = countAt(item, colon + 1);
        if (colon < 0 || name === undefined || value === null) unknown.push(item.trim());
        else count[name] = value;
      }
      out.records.push(count);
      if (unknown.length > 0) out.warn(i, `unknown count: ${unknown.join(', ')}`);
      else out.recognized++;
    }
  },
});
