// The diagnosis on real captures (test/fixtures): every capture alone as a device, and the DMVPN captures of one
// lab's routers together. No crash, no rule failure, evidence quoting the capture's own lines, and no critical
// finding from a capture whose tunnels are all up.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose, snapshotFromOutputs } from '../diagnosis/index.js';
import { listCaptures } from './fixture-files.js';

const captures = listCaptures().filter((capture) => capture.command !== '');

describe('diagnosis on real captures', () => {
  it.each(captures.map((capture) => [`${capture.folder}/${capture.name}`, capture] as const))(
    '%s',
    (_, capture) => {
      const raw = readFileSync(capture.rawPath, 'utf8');
      const snapshot = snapshotFromOutputs(capture.name, [{ command: capture.command, raw }], 0);
      const report = diagnose({ snapshots: [snapshot] });
      expect(report.findings.filter((finding) => finding.rule === 'engine-error')).toEqual([]);
      const lines = raw.split(/\r?\n|\r/).map((line) => line.trim());
      for (const finding of report.findings) {
        for (const entry of finding.evidence)
          expect(lines[entry.line - 1], JSON.stringify(entry)).toBe(entry.text);
      }
      const states = snapshot.outputs.flatMap(
        (output) =>
          output.parsed.records as {
            kind: string;
            state?: string;
            up?: boolean;
            operUp?: boolean;
            tunnel?: unknown;
          }[],
      );
      const healthy =
        states.every((record) => record.kind !== 'dmvpn_peer' || record.state === 'UP') &&
        states.every((record) => record.kind !== 'nhrp_nhs' || record.up) &&
        states.every((record) => record.kind !== 'interface' || !record.tunnel || record.operUp);
      if (healthy)
        expect(
          report.findings
            .filter((finding) => finding.severity === 'critical')
            .map((finding) => finding.title),
        ).toEqual([]);
    },
  );
});
