// Splits router output into lines, whatever the line endings and terminal noise.

// Terminals leave escape sequences, backspaces and `--More--` erasures behind; we parse what a person would read.
// eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
const HAS_NOISE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex -- as above
const NOISE = /\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]/g;

/** Replays backspaces as a terminal does (the cursor moves back, later text overwrites), as `--More--` erasure relies on. */
function replayBackspaces(line: string): string {
  const screen: string[] = [];
  let cursor = 0;
  for (const char of line) {
    if (char === '\b') cursor = Math.max(0, cursor - 1);
    else screen[cursor++] = char;
  }
  return screen.join('');
}

export function splitLines(text: string): string[] {
  const lines = text.includes('\r') ? text.split(/\r?\n|\r/) : text.split('\n');
  if (!HAS_NOISE.test(text)) return dropFinalEmpty(lines);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (HAS_NOISE.test(line)) {
      const visible = line.replace(NOISE, '');
      lines[i] = visible.includes('\b') ? replayBackspaces(visible) : visible;
    }
  }
  return dropFinalEmpty(lines);
}

function dropFinalEmpty(lines: string[]): string[] {
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Splits on runs of spaces and tabs; never on column positions. */
export function words(line: string): string[] {
  return line.trim().split(/\s+/);
}
