import { describe, expect, it } from 'vitest';
import { splitLines, words } from './lines.js';

describe('splitLines', () => {
  it('splits CRLF, LF and CR line endings and drops the final empty line', () => {
    expect(splitLines('a\r\nb\nc\rd\n')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('removes the terminal noise a --More-- prompt leaves behind', () => {
    const paged =
      ' --More-- \b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\b     1 10.0.0.1   10.1.1.1  UP 00:01:02 D';
    expect(splitLines(paged)).toEqual(['      1 10.0.0.1   10.1.1.1  UP 00:01:02 D']);
  });

  it('removes ANSI escape sequences', () => {
    expect(splitLines('\x1b[KTunnel0 is up')).toEqual(['Tunnel0 is up']);
  });
});

describe('words', () => {
  it('splits on runs of spaces and tabs, ignoring the indentation', () => {
    expect(words('   1 10.0.0.1\t  10.1.1.1   UP')).toEqual(['1', '10.0.0.1', '10.1.1.1', 'UP']);
  });
});
