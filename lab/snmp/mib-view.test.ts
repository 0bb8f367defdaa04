import { describe, expect, it } from 'vitest';

import { counter32, counter64, integer, text, wraps } from './cells.js';
import { MibView, scalars, table } from './mib-view.js';
import { compareOids } from './oid.js';
import { MAX_BULK_VARBINDS, get, getBulk, getNext } from './requests.js';

const ENTRY = '1.3.6.1.2.1.2.2.1';

function view(): MibView {
  const rows = [10, 2, 1].map((index) => ({
    index: [index],
    cells: { 1: integer(index), 2: text(`if${index}`) },
  }));
  return new MibView([table(ENTRY, rows), scalars('1.3.6.1.2.1.1', { 5: text('hub1'), 3: integer(7) })]);
}

describe('MIB views', () => {
  it('orders OIDs sub-identifier by sub-identifier, a prefix first', () => {
    expect(compareOids('1.3.6.1.2', '1.3.6.1.10')).toBeLessThan(0);
    expect(compareOids('1.3.6.1', '1.3.6.1.0')).toBeLessThan(0);
    expect(compareOids('1.3.6.10', '1.3.6.9.1')).toBeGreaterThan(0);
    expect(compareOids('1.3.6.1', '1.3.6.1')).toBe(0);
  });

  it('lists a table column by column, rows by index, after the scalars before it', () => {
    expect(
      view()
        .all()
        .map((varbind) => varbind.oid),
    ).toEqual([
      '1.3.6.1.2.1.1.3.0',
      '1.3.6.1.2.1.1.5.0',
      `${ENTRY}.1.1`,
      `${ENTRY}.1.2`,
      `${ENTRY}.1.10`,
      `${ENTRY}.2.1`,
      `${ENTRY}.2.2`,
      `${ENTRY}.2.10`,
    ]);
  });

  it('answers get, getNext and getBulk with the SNMPv2 exceptions', () => {
    const mib = view();
    expect(get(mib, [`${ENTRY}.2.10`, `${ENTRY}.2.3`, '1.3.6.1.4.1.0'])).toEqual([
      { oid: `${ENTRY}.2.10`, type: 'OctetString', value: 'if10' },
      { oid: `${ENTRY}.2.3`, type: 'noSuchInstance' },
      { oid: '1.3.6.1.4.1.0', type: 'noSuchObject' },
    ]);
    expect(getNext(mib, ['1.3', `${ENTRY}.2.10`]).map((answer) => [answer.oid, answer.type])).toEqual([
      ['1.3.6.1.2.1.1.3.0', 'Integer'],
      [`${ENTRY}.2.10`, 'endOfMibView'],
    ]);
    const bulk = getBulk(mib, ['1.3.6.1.2.1.1.3.0', ENTRY], 1, 10);
    expect(bulk.map((answer) => answer.oid)).toEqual([
      '1.3.6.1.2.1.1.5.0',
      `${ENTRY}.1.1`,
      `${ENTRY}.1.2`,
      `${ENTRY}.1.10`,
      `${ENTRY}.2.1`,
      `${ENTRY}.2.2`,
      `${ENTRY}.2.10`,
      `${ENTRY}.2.10`,
    ]);
    expect(bulk.at(-1)?.type).toBe('endOfMibView');
    expect(getBulk(mib, ['1.3'], 0, 100_000).length).toBeLessThanOrEqual(MAX_BULK_VARBINDS);
  });

  it('wraps Counter32 as an agent does and keeps the full count in Counter64', () => {
    const count = 2 ** 32 * 3 + 5;
    expect(counter32(count)).toEqual({ type: 'Counter32', value: 5 });
    expect(wraps(count)).toEqual({ type: 'Counter32', value: 3 });
    expect(counter64(count)).toEqual({ type: 'Counter64', value: BigInt(count) });
  });
});
