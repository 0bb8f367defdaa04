// Parses `show crypto ipsec sa address`: the SAs grouped by destination address (`dest address:`), then protocol.

import type { IpsecSaDestination, IpsecSaEntry, IpsecSaProtocol } from '../model/records/ipsec.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import type { ParseOptions } from '../model/parse.js';
import { indentOf } from './common/text.js';
import { newSaEntry, readSaLine } from './show-crypto-ipsec-sa-entries.js';

const PROTOCOLS: Record<string, IpsecSaProtocol> = { ESP: 'esp', AH: 'ah', PCP: 'pcp' };

function parseByDestination(out: ParseOutput<IpsecSaDestination>, options: ParseOptions): void {
  let destination: IpsecSaDestination | undefined;
  let protocol: IpsecSaProtocol | undefined;
  let entry: IpsecSaEntry | null = null;
  for (let i = 0; i < out.lines.length; i++) {
    const line = out.lines[i]!;
    const start = indentOf(line);
    if (start === line.length) continue;
    let problem: string | undefined;
    if (line.startsWith('dest address:', start)) {
      const address = line.slice(start + 13).trim();
      if (address === '') problem = 'dest address: without an address';
      else {
        destination = { kind: 'ipsec_sa_destination', line: i + 1, destination: address, sas: [] };
        out.records.push(destination);
        protocol = undefined;
        entry = null;
      }
    } else if (line.startsWith('protocol:', start)) {
      protocol = PROTOCOLS[line.slice(start + 9).trim()];
      entry = null;
      if (!protocol) problem = 'protocol is not ESP, AH or PCP';
    } else if (line.startsWith('spi:', start)) {
      entry = null;
      if (destination && protocol) {
        entry = newSaEntry(i, protocol, line, start + 4) ?? null;
        if (entry) destination.sas.push(entry);
        else problem = 'spi is neither 0x... nor [Not Available]';
      } else if (!options.filtered) problem = 'spi: before its dest address: and protocol: lines';
    } else {
      const result = readSaLine(entry, line, start);
      if (result === false) problem = 'not a line of show crypto ipsec sa address';
      else if (result === undefined && entry === null && !options.filtered)
        problem = 'SA line outside an SA (no spi: line before it)';
      else problem = result;
    }
    if (problem === undefined) out.recognized++;
    else out.warn(i, problem);
  }
}

export const showCryptoIpsecSaAddress = defineParser<IpsecSaDestination>({
  command: 'show crypto ipsec sa address',
  syntax: ['show crypto ipsec sa address'],
  detect: (text) => /^\s*dest address:/m.test(text) && /^\s*protocol: (?:ESP|AH|PCP)\s*$/m.test(text),
  parse: parseByDestination,
});
