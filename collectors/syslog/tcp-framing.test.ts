import { describe, expect, it } from 'vitest';

import { FramingError, SyslogFrameSplitter } from './tcp-framing.js';

function split(
  chunks: (string | Buffer)[],
  end = false,
): { messages: string[]; splitter: SyslogFrameSplitter } {
  const messages: string[] = [];
  const splitter = new SyslogFrameSplitter((message) => messages.push(message), 100);
  for (const chunk of chunks) splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  if (end) splitter.end();
  return { messages, splitter };
}

describe('TCP syslog framing', () => {
  it('detects octet counting and splits frames cut anywhere, multi-byte characters counted in bytes', () => {
    const { messages, splitter } = split(['7 <1>a', ' é6 <2>', 'xyz\n4 <3>', 'q']);
    expect(splitter.detected()).toBe('octet-counting');
    expect(messages).toEqual(['<1>a é', '<2>xyz', '<3>q']);
  });

  it('detects newline framing, taking LF, CRLF and NUL ends, and a last line without end when the stream closes', () => {
    const { messages, splitter } = split(['<1>one\r\n<2>tw', 'o\n<3>three\u0000<4>four'], true);
    expect(splitter.detected()).toBe('newline');
    expect(messages).toEqual(['<1>one', '<2>two', '<3>three', '<4>four']);
  });

  it('refuses streams that cannot be syslog', () => {
    expect(() => split([Buffer.from([0x16, 3, 1])])).toThrow(FramingError);
    expect(() => split(['12x <1>a'])).toThrow(/octet count expected/);
    expect(() => split(['1234567 <1>'])).toThrow(/too long/);
    expect(() => split(['500 <1>'])).toThrow(/outside 1\.\.100/);
    expect(() => split([`<1>${'a'.repeat(200)}`])).toThrow(/no line end/);
    expect(() => split(['9 <1>a'], true)).toThrow(/inside a frame/);
  });
});
