import { describe, expect, it } from 'vitest';
import { readCapture } from '../../test/fixture-files.js';
import { applyFault } from '../faults/catalogue.js';
import { buildNetwork } from '../network/build.js';
import { renderRunningConfig, renderRunningConfigInterface } from './show-running-config.js';

// Format against the real captures: the same header, section order, indentation, line order and trailing blanks.

const HUB_CAPTURE = readCapture('show_running-config', 'handmade__hub_phase3_eigrp_ikev1.raw');
const SPOKE_CAPTURE = readCapture('show_running-config', 'handmade__spoke_ikev2_bgp.raw');
const INTERFACE_CAPTURE = readCapture(
  'show_running-config_interface',
  'ntc__cisco_ios_show_running-config_interface.raw',
);

/** A configuration keyword: lower case, `ikev2` and `ipv4` included; names, addresses and numbers are values. */
const KEYWORD = /^[a-z][a-z-]*(?:v[246])?(?:-[a-z]+)*$/;

/** The keywords a line starts with, up to its first value. */
function lineKey(line: string): string {
  const words = line.trim().split(/\s+/);
  const keywords: string[] = [];
  for (const word of words) {
    if (!KEYWORD.test(word)) break;
    keywords.push(word);
  }
  return keywords.join(' ');
}

/** The keys of the top-level lines (and of every interface by its type), first occurrence only. */
function sectionOrder(text: string): string[] {
  const keys: string[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(' ') || line.startsWith('!')) continue;
    const key = line.startsWith('interface ')
      ? `interface ${line.split(' ')[1]!.replace(/[\d/.]+$/, '')}`
      : lineKey(line);
    if (key !== '' && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** The indentation of each kind of line, keyed `section > line` by the keys of its top-level line and its own. */
function indentation(text: string): Map<string, Set<number>> {
  const found = new Map<string, Set<number>>();
  let section = '';
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      section = lineKey(line);
      continue;
    }
    const key = `${section} > ${lineKey(line) || line.trim()}`;
    found.set(key, (found.get(key) ?? new Set()).add(indent));
  }
  return found;
}

/** The keys of one interface block's lines, in order, each once (a second `ip nhrp nhs` adds nothing). */
function blockKeys(text: string, header: string): string[] {
  const lines = text.split('\n');
  const keys: string[] = [];
  for (let i = lines.indexOf(header) + 1; i < lines.length && lines[i]!.startsWith(' '); i++) {
    const key = lineKey(lines[i]!);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Trailing blanks of the lines that have a key, by key. */
function trailingBlanks(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of text.split('\n')) {
    const key = lineKey(line);
    if (key !== '' && !found.has(key)) found.set(key, /\s*$/.exec(line)![0]);
  }
  return found;
}

function common<T>(order: T[], other: T[]): T[] {
  return order.filter((entry) => other.includes(entry));
}

describe('show running-config against the real captures', () => {
  const hubNetwork = buildNetwork({ spokes: 1, phase: 3, ike: 'v1', routing: 'eigrp' });
  const spokeNetwork = buildNetwork({ spokes: 1, phase: 3, ike: 'v2', routing: 'bgp' });
  // The capture's spoke has an NHRP registration timeout; the holdtime fault gives ours one.
  applyFault(spokeNetwork, 'nhrp-holdtime-registration-timer');
  const cases = [
    ['the phase 3 EIGRP IKEv1 hub', renderRunningConfig(hubNetwork.routers[0]!), HUB_CAPTURE],
    ['the IKEv2 BGP spoke', renderRunningConfig(spokeNetwork.routers[1]!), SPOKE_CAPTURE],
  ] as const;

  it.each(cases)('%s starts with the same header lines', (_, rendered, capture) => {
    const header = (text: string) =>
      text
        .split('\n')
        .slice(0, 4)
        .join('\n')
        .replace(/\d+ bytes/, 'N bytes');
    expect(header(rendered)).toBe(header(capture));
    expect(rendered.split('\n').at(-2)).toBe('end');
  });

  it.each(cases)('%s counts the bytes of the configuration it prints', (_, rendered) => {
    const [, count, body] =
      /^Building configuration\.\.\.\n\nCurrent configuration : (\d+) bytes\n([\s\S]*)$/.exec(rendered)!;
    expect(Number(count)).toBe(Buffer.byteLength(body!));
  });

  it.each(cases)('%s has its sections in the order of the capture', (_, rendered, capture) => {
    const ours = sectionOrder(rendered);
    const theirs = sectionOrder(capture);
    const shared = common(theirs, ours);
    expect(shared.length).toBeGreaterThanOrEqual(14);
    expect(common(ours, theirs)).toEqual(shared);
  });

  it.each(cases)('%s indents each kind of line as the capture does', (_, rendered, capture) => {
    const theirs = indentation(capture);
    let compared = 0;
    for (const [key, indents] of indentation(rendered)) {
      // The capture's BGP is in address-family blocks; ours is the flat form IOS prints without them.
      if (!theirs.has(key) || key.startsWith('router bgp >')) continue;
      expect([...indents], key).toEqual([...theirs.get(key)!]);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('%s orders the Tunnel0 lines as the capture does', (_, rendered, capture) => {
    const ours = blockKeys(rendered, 'interface Tunnel0');
    const theirs = blockKeys(capture, 'interface Tunnel0');
    const shared = common(theirs, ours);
    expect(shared.length).toBeGreaterThanOrEqual(12);
    expect(common(ours, theirs)).toEqual(shared);
  });

  it.each(cases)('%s leaves the same trailing blanks as the capture', (_, rendered, capture) => {
    const theirs = trailingBlanks(capture);
    const withBlanks: string[] = [];
    for (const [key, blanks] of trailingBlanks(rendered)) {
      if (!theirs.has(key)) continue;
      expect(JSON.stringify(blanks), key).toBe(JSON.stringify(theirs.get(key)));
      if (blanks !== '') withBlanks.push(key);
    }
    expect(withBlanks.length).toBeGreaterThanOrEqual(2);
  });

  it('prints an interface block in the order and indentation of the show running-config interface capture', () => {
    const config = hubNetwork.routers[0]!;
    config.wan.mtu = 1_400;
    const rendered = renderRunningConfigInterface(config, 'Gi1')!;
    const header = (text: string) =>
      text
        .split('\n')
        .slice(0, 4)
        .join('\n')
        .replace(/\d+ bytes/, 'N bytes');
    expect(header(rendered)).toBe(header(INTERFACE_CAPTURE));
    const theirs = blockKeys(INTERFACE_CAPTURE, 'interface GigabitEthernet2/0/4.223478');
    const ours = blockKeys(rendered, 'interface GigabitEthernet1');
    expect(common(ours, theirs)).toEqual(['description', 'mtu', 'ip address']);
    expect(common(ours, theirs)).toEqual(common(theirs, ours));
    const theirIndents = indentation(INTERFACE_CAPTURE);
    const shared = [...indentation(rendered)].filter(([key]) => theirIndents.has(key));
    expect(shared.map(([key]) => key)).toEqual([
      'interface > description',
      'interface > mtu',
      'interface > ip address',
    ]);
    for (const [key, indents] of shared) expect([...indents], key).toEqual([...theirIndents.get(key)!]);
  });
});
