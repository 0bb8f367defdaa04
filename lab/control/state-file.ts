// The file a running lab keeps in its data folder so the control commands of another terminal find it.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface LabControlFile {
  url: string;
  token: string;
  /** The lab's process, to tell a stale file from a running lab. */
  pid: number;
  startedAt: string;
}

const controlFileSchema = z.object({
  url: z.string().url(),
  token: z.string().min(1),
  pid: z.number().int(),
  startedAt: z.string(),
});

export function controlFilePath(dataDir: string): string {
  return join(dataDir, 'control.json');
}

/** Written readable by its owner only: the token controls the lab. */
export function writeControlFile(dataDir: string, content: LabControlFile): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(controlFilePath(dataDir), JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
}

/** Null when no lab wrote one (or it is unreadable). */
export function readControlFile(dataDir: string): LabControlFile | null {
  let text: string;
  try {
    text = readFileSync(controlFilePath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = controlFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes the file when it is still this process's (a newer lab may have replaced it). */
export function removeControlFile(dataDir: string, pid: number): void {
  if (readControlFile(dataDir)?.pid === pid) rmSync(controlFilePath(dataDir), { force: true });
}
