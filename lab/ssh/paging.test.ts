import { describe, expect, it } from 'vitest';
import { MORE_ERASE, MORE_PROMPT, Pager } from './paging.js';

const lines = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`);
const screen = (from: number, to: number) =>
  lines
    .slice(from, to)
    .map((line) => `${line}\r\n`)
    .join('');

describe('Pager', () => {
  it('does not page output shorter than the terminal, nor any output at length 0', () => {
    expect(Pager.fits(lines, 11)).toBe(true);
    expect(Pager.fits(lines, 10)).toBe(false);
    expect(Pager.fits(lines, 0)).toBe(true);
  });

  it('shows length - 1 lines a screen, one line on Enter, and stops on any other key', () => {
    const pager = new Pager(lines, 4);
    expect(pager.start()).toEqual({ text: screen(0, 3) + MORE_PROMPT, done: false });
    expect(pager.key('\r')).toEqual({ text: MORE_ERASE + screen(3, 4) + MORE_PROMPT, done: false });
    expect(pager.key(' ')).toEqual({ text: MORE_ERASE + screen(4, 7) + MORE_PROMPT, done: false });
    expect(pager.key('q')).toEqual({ text: MORE_ERASE, done: true });
  });

  it('ends without a prompt of its own after the last screen', () => {
    const pager = new Pager(lines, 6);
    pager.start();
    expect(pager.key(' ')).toEqual({ text: MORE_ERASE + screen(5, 10), done: true });
  });
});
