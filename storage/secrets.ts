// Reads a secret from the environment variable or file the configuration names; messages name the source only.

import { readFileSync } from 'node:fs';

export interface SecretSource {
  env?: string;
  file?: string;
}

export function readSecret(source: SecretSource, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (source.env !== undefined) {
    const value = env[source.env];
    if (value === undefined || value === '') throw new Error(`environment variable ${source.env} is not set`);
    return value;
  }
  if (source.file !== undefined) {
    let text: string;
    try {
      text = readFileSync(source.file, 'utf8');
    } catch (error) {
      throw new Error(
        `cannot read secret file ${source.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    // Files written by `echo` or an editor end with a newline that is not part of the secret.
    const value = text.replace(/\r?\n$/, '');
    if (value === '') throw new Error(`secret file ${source.file} is empty`);
    return value;
  }
  return undefined;
}
