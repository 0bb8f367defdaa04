// Where the built web page is: `dist/web` beside the compiled server (`dist/server`), or under `dist/` when the
// server runs from its TypeScript sources. Null when the page has not been built (`npm run build:web`).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function webAssetsDir(): string | null {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const candidates = [join(root, 'web'), join(root, 'dist', 'web')];
  return candidates.find((directory) => existsSync(join(directory, 'index.html'))) ?? null;
}
