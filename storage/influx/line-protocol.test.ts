import { describe, expect, it } from 'vitest';
import { sampleToLine, samplesToLines } from './line-protocol.js';

const T0 = Date.UTC(2026, 0, 10);

describe('line protocol', () => {
  it('writes the schema names as they are: sorted tags, float numbers, quoted strings, ms time', () => {
    const line = sampleToLine({
      measurement: 'dmvpn_peer',
      tags: {
        role: 'hub',
        device: 'hub1',
        interface: 'Tunnel0',
        peer_nbma: '192.0.2.2',
        peer_tunnel: '10.0.0.2',
        peer_type: 'static',
      },
      fields: { state: 'UP', up: 1, uptime_s: 93_720, entries: 1 },
      time: T0,
    });
    expect(line).toBe(
      `dmvpn_peer,device=hub1,interface=Tunnel0,peer_nbma=192.0.2.2,peer_tunnel=10.0.0.2,peer_type=static,role=hub ` +
        `state="UP",up=1,uptime_s=93720,entries=1 ${T0}`,
    );
  });

  it('escapes commas, equals signs and spaces in names, quotes and backslashes in strings', () => {
    const line = sampleToLine({
      measurement: 'my measure,x',
      tags: { 'tag key': 'a=b,c d', device: 'r1' },
      fields: { 'field,key': 'say "hi" C:\\dir', ok: true, ratio: 0.25 },
      time: T0 + 0.9,
    });
    expect(line).toBe(
      `my\\ measure\\,x,device=r1,tag\\ key=a\\=b\\,c\\ d field\\,key="say \\"hi\\" C:\\\\dir",ok=true,ratio=0.25 ${T0}`,
    );
  });

  it('drops empty tags, fields it cannot carry, and samples left without fields', () => {
    expect(
      samplesToLines([
        { measurement: 'm', tags: { device: 'r1', peer: '' }, fields: { a: Number.NaN, b: 2 }, time: 1 },
        { measurement: 'm', tags: { device: 'r1' }, fields: { a: Number.POSITIVE_INFINITY }, time: 2 },
        { measurement: 'm', tags: { device: 'r\n1' }, fields: { error: 'line 1\nline 2' }, time: 3 },
      ]),
    ).toEqual(['m,device=r1 b=2 1', 'm,device=r\\ 1 error="line 1\nline 2" 3']);
  });
});
