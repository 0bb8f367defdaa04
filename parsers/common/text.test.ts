import { describe, expect, it } from 'vitest';
import {
  clauses,
  endOfText,
  indentOf,
  isBlank,
  isDigit,
  isLetter,
  skipBlanks,
  sliceTrimmed,
  snakeCase,
} from './text.js';

describe('character tests', () => {
  it('takes spaces and tabs for blanks, ASCII 0-9 for digits and A-Z, a-z for letters', () => {
    expect([' ', '\t', 'a', '\n'].map((char) => isBlank(char.charCodeAt(0)))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(['0', '9', 'a', '/'].map((char) => isDigit(char.charCodeAt(0)))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(['A', 'z', '1', '_'].map((char) => isLetter(char.charCodeAt(0)))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('positions in a line', () => {
  it('finds where an indented line starts, and the length of a blank one', () => {
    expect(indentOf(' \t  Tunnel0 is up')).toBe(4);
    expect(indentOf('   ')).toBe(3);
    expect(indentOf('a  b', 1)).toBe(3);
  });

  it('skips blanks no further than the end it is given', () => {
    expect(skipBlanks('x    y', 1, 3)).toBe(3);
  });

  it('finds where the text of a line ends before its trailing blanks', () => {
    expect(endOfText('  NBMA address: 10.0.0.1 \t ')).toBe(24);
    expect(endOfText('   ')).toBe(0);
  });

  it('cuts a slice without its surrounding blanks', () => {
    expect(sliceTrimmed('conn id:  2076 , flow_id', 8, 15)).toBe('2076');
  });
});

describe('clauses', () => {
  it('splits a line on commas, trimmed, leaving out empty clauses', () => {
    expect(clauses('Tunnel TTL 255,  Fast tunneling enabled, ,')).toEqual([
      'Tunnel TTL 255',
      'Fast tunneling enabled',
    ]);
  });
});

describe('snakeCase', () => {
  it('turns a counter name into a key', () => {
    expect(snakeCase('Rwatch w/o route')).toBe('rwatch_w_o_route');
    expect(snakeCase(' Resolution Request ')).toBe('resolution_request');
  });
});
