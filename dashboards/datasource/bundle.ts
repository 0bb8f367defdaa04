// Builds the Grafana plugin folder: module.js as the AMD module Grafana loads (with the libraries Grafana itself
// provides left out of the bundle and asked for in `define`), plugin.json with the package version, and the logo.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** What Grafana hands a plugin's module instead of bundling it (one shared copy). */
export const GRAFANA_PROVIDED = ['react', '@grafana/data', '@grafana/runtime', '@grafana/ui'] as const;

export interface BundleOptions {
  /** The folder of plugin.json and src/. */
  sourceDir: string;
  outDir: string;
  version: string;
}

/**
 * esbuild writes no AMD: the CommonJS bundle runs inside `define`, its `require` answering with the modules Grafana
 * passes in, and its exports (the `plugin`) are what the factory returns.
 */
export function wrapAsAmd(commonJs: string, dependencies: readonly string[]): string {
  const names = JSON.stringify(dependencies);
  return [
    `define(${names}, function () {`,
    `var provided = {}, names = ${names};`,
    'for (var i = 0; i < names.length; i++) provided[names[i]] = arguments[i];',
    'var module = { exports: {} };',
    '(function (require, module, exports) {',
    commonJs,
    '})(function (name) {',
    '  if (Object.prototype.hasOwnProperty.call(provided, name)) return provided[name];',
    '  throw new Error("module.js asks for " + name + ", which Grafana does not provide");',
    '}, module, module.exports);',
    'return module.exports;',
    '});',
    '',
  ].join('\n');
}

export async function bundleDatasource({ sourceDir, outDir, version }: BundleOptions): Promise<void> {
  const result = await build({
    entryPoints: [join(sourceDir, 'src', 'module.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'browser',
    target: 'es2020',
    jsx: 'transform',
    minify: true,
    legalComments: 'none',
    external: [...GRAFANA_PROVIDED],
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'silent',
  });
  const outside = Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((imported) => imported.external)
    .map((imported) => imported.path)
    .filter((path) => !(GRAFANA_PROVIDED as readonly string[]).includes(path));
  if (outside.length > 0)
    throw new Error(`the plugin imports ${outside.join(', ')}, which Grafana does not provide: bundle it`);

  mkdirSync(join(outDir, 'img'), { recursive: true });
  writeFileSync(join(outDir, 'module.js'), wrapAsAmd(result.outputFiles[0]!.text, GRAFANA_PROVIDED));
  const plugin = JSON.parse(readFileSync(join(sourceDir, 'plugin.json'), 'utf8'));
  plugin.info.version = version;
  writeFileSync(join(outDir, 'plugin.json'), `${JSON.stringify(plugin, null, 2)}\n`);
  copyFileSync(join(sourceDir, 'img', 'logo.svg'), join(outDir, 'img', 'logo.svg'));
}
