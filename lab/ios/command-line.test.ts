import { describe, expect, it } from 'vitest';
import { CommandTree, refusalText } from './command-line.js';

const tree = new CommandTree([
  { form: 'show dmvpn', handler: 'dmvpn' },
  { form: 'show dmvpn detail', handler: 'dmvpn-detail' },
  { form: 'show ip nhrp', handler: 'nhrp' },
  { form: 'show ip nhrp nhs detail', handler: 'nhs-detail' },
  { form: 'show interfaces', handler: 'interfaces' },
  { form: 'show interfaces <interface>', handler: 'interfaces' },
  { form: 'show ip interface brief', handler: 'brief' },
]);

describe('CommandTree', () => {
  it('accepts any unique abbreviation of each keyword', () => {
    expect(tree.match('sh dmvpn det')).toEqual({
      ok: true,
      handler: 'dmvpn-detail',
      args: [],
      argColumns: [],
      expanded: 'show dmvpn detail',
    });
    expect(tree.match('sh ip nh nhs det')).toMatchObject({ ok: true, handler: 'nhs-detail' });
    expect(tree.match('SH IP INT BR')).toMatchObject({ ok: true, handler: 'brief' });
  });

  it('passes arguments through as typed', () => {
    expect(tree.match('show int Tunnel0')).toMatchObject({
      ok: true,
      args: ['Tunnel0'],
      handler: 'interfaces',
    });
  });

  it('puts the caret under the first word it cannot read', () => {
    const match = tree.match('sh dmvpm');
    expect(match).toEqual({ ok: false, kind: 'invalid-input', column: 3 });
    if (!match.ok) {
      expect('hub1#sh dmvpm\n' + refusalText('sh dmvpm', match, 'hub1#'.length)).toBe(
        "hub1#sh dmvpm\n        ^\n% Invalid input detected at '^' marker.\n\n",
      );
    }
  });

  it('says a command is ambiguous or incomplete as IOS does', () => {
    const ambiguous = tree.match('sh i');
    expect(ambiguous).toEqual({ ok: false, kind: 'ambiguous' });
    if (!ambiguous.ok) expect(refusalText('sh i', ambiguous, 5)).toBe('% Ambiguous command:  "sh i"\n');
    const incomplete = tree.match('show ip');
    expect(incomplete).toEqual({ ok: false, kind: 'incomplete' });
    if (!incomplete.ok) expect(refusalText('show ip', incomplete, 5)).toBe('% Incomplete command.\n\n');
  });
});
