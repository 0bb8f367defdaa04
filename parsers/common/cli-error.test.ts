import { describe, expect, it } from 'vitest';
import { detectCliError } from './cli-error.js';

describe('detectCliError', () => {
  it("names the router's refusal of a mistyped command, with the line of the message", () => {
    const lines = ['show dmvpm', '         ^', "% Invalid input detected at '^' marker.", ''];
    expect(detectCliError(lines)).toMatchObject({ kind: 'invalid-input', line: 3 });
  });

  it('recognises an ambiguous and an incomplete command', () => {
    expect(detectCliError(['% Ambiguous command:  "sh i"'])?.kind).toBe('ambiguous-command');
    expect(detectCliError(['% Incomplete command.'])?.kind).toBe('incomplete-command');
  });

  it('says an output with only blank lines is empty', () => {
    expect(detectCliError(['', '   '])?.kind).toBe('empty');
    expect(detectCliError([])?.kind).toBe('empty');
  });

  it('leaves real output alone', () => {
    expect(detectCliError(['IPv4 Crypto ISAKMP SA', 'dst src state conn-id status'])).toBeUndefined();
  });
});
