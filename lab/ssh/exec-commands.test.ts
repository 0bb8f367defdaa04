import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_FAILED, interpretLine, type ExecContext } from './exec-commands.js';

const user: ExecContext = { mode: 'user', writeAccess: false, promptLength: 5 };
const privileged: ExecContext = { ...user, mode: 'privileged' };

describe('interpretLine', () => {
  it('accepts unique abbreviations and refuses ambiguous ones as IOS does', () => {
    expect(interpretLine('en', user)).toEqual({ kind: 'enable' });
    expect(interpretLine('sh dmvpn', user)).toEqual({ kind: 'show' });
    expect(interpretLine('term len 0', user)).toEqual({ kind: 'terminal-length', lines: 0 });
    expect(interpretLine('term width 0', user)).toEqual({ kind: 'none' });
    expect(interpretLine('s', user)).toEqual({ kind: 'print', text: '% Ambiguous command:  "s"\n' });
    expect(interpretLine('logout', user)).toEqual({ kind: 'exit' });
  });

  it('puts the caret under the bad word, counting the prompt', () => {
    expect(interpretLine('bogus', user)).toEqual({
      kind: 'print',
      text: "     ^\n% Invalid input detected at '^' marker.\n\n",
    });
    expect(interpretLine('terminal length 600', user)).toEqual({
      kind: 'print',
      text: `${' '.repeat(21)}^\n% Invalid input detected at '^' marker.\n\n`,
    });
  });

  it('knows state-changing commands only in privileged mode, and refuses them without write access', () => {
    expect(interpretLine('reload', user)).toMatchObject({
      kind: 'print',
      text: expect.stringContaining('Invalid'),
    });
    for (const line of [
      'conf t',
      'clear crypto sa',
      'write memory',
      'copy run start',
      'debug nhrp',
      'reload',
    ]) {
      expect(interpretLine(line, privileged)).toEqual({ kind: 'print', text: AUTHORIZATION_FAILED });
    }
    expect(interpretLine('ping 10.0.0.1', privileged)).toEqual({ kind: 'print', text: AUTHORIZATION_FAILED });
  });

  it('enters configuration mode with write access, where only end and exit mean something', () => {
    const writable = { ...privileged, writeAccess: true };
    expect(interpretLine('conf t', writable)).toEqual({ kind: 'configure' });
    expect(interpretLine('clear crypto sa', writable)).toEqual({ kind: 'none' });
    const config = { ...writable, mode: 'config' as const };
    expect(interpretLine('interface Tunnel0', config)).toEqual({ kind: 'none' });
    expect(interpretLine('end', config)).toEqual({ kind: 'end' });
    expect(interpretLine('exit', config)).toEqual({ kind: 'exit' });
  });

  it('refuses privileged-only shows at user level and tells the privilege level', () => {
    expect(interpretLine('show run', user)).toMatchObject({ text: expect.stringMatching(/^ {10}\^\n/) });
    expect(interpretLine('show run', privileged)).toEqual({ kind: 'show' });
    expect(interpretLine('show privilege', user)).toEqual({
      kind: 'print',
      text: 'Current privilege level is 1\n',
    });
  });
});
