// The built plugin as Grafana loads it: module.js is one AMD `define` asking for exactly the libraries Grafana
// provides, and it runs with them: the real @grafana/data and React, stand-ins for @grafana/runtime and @grafana/ui.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleDatasource, GRAFANA_PROVIDED, wrapAsAmd } from './bundle.js';
import {
  defineDependencies,
  grafanaData,
  grafanaProxy,
  grafanaRuntimeStandIn,
  grafanaUiStandIn,
  loadAmd,
  realReact,
  renderToStaticMarkup,
  type AmdModule,
} from './test-support.js';

const sourceDir = dirname(fileURLToPath(import.meta.url));
let outDir: string;
let code: string;
let loaded: AmdModule;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'datasource-bundle-'));
  await bundleDatasource({ sourceDir, outDir, version: '1.2.3' });
  code = readFileSync(join(outDir, 'module.js'), 'utf8');
  const react = realReact();
  loaded = loadAmd(code, {
    react,
    '@grafana/data': grafanaData(),
    '@grafana/runtime': grafanaRuntimeStandIn(grafanaProxy(outDir, { jsonData: {}, secureJsonData: {} })),
    '@grafana/ui': grafanaUiStandIn(react),
  });
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const settings = {
  id: 1,
  uid: 'dmvpn',
  type: 'dmvpnwatch-api-datasource',
  name: 'dmvpn-watch',
  url: '/api/datasources/proxy/uid/dmvpn',
  jsonData: { apiUrl: 'http://127.0.0.1:1' },
  meta: {},
  readOnly: false,
  access: 'proxy',
};

describe('the datasource plugin bundle', () => {
  it('is one AMD define asking for exactly what Grafana provides', () => {
    expect(defineDependencies(code)).toEqual([...GRAFANA_PROVIDED]);
    expect(loaded.dependencies).toEqual(['react', '@grafana/data', '@grafana/runtime', '@grafana/ui']);
  });

  it('exports a DataSourcePlugin with its editors and a datasource that answers the default queries', () => {
    const { DataSourcePlugin, DataSourceApi } = grafanaData();
    const plugin = loaded.exports.plugin as InstanceType<typeof DataSourcePlugin>;
    expect(plugin).toBeInstanceOf(DataSourcePlugin);
    expect(typeof plugin.components.ConfigEditor).toBe('function');
    expect(typeof plugin.components.QueryEditor).toBe('function');
    const datasource = new plugin.DataSourceClass(settings as never);
    expect(datasource).toBeInstanceOf(DataSourceApi);
    expect(datasource.getDefaultQuery!(0 as never)).toEqual({ kind: 'findings', state: 'active' });
    expect(datasource.annotations?.getDefaultQuery?.()).toEqual({ kind: 'events' });
  });

  it('renders its editors with the components Grafana provides', () => {
    const react = realReact();
    const plugin = loaded.exports.plugin as { components: Record<string, React.ComponentType<never>> };
    const config = renderToStaticMarkup(
      react.createElement(plugin.components.ConfigEditor!, {
        options: {
          ...settings,
          jsonData: { apiUrl: 'http://api:8080' },
          secureJsonFields: { apiToken: true },
        },
        onOptionsChange: () => {},
      } as never),
    );
    expect(config).toContain('data-label="API URL"');
    expect(config).toContain('data-value="http://api:8080"');
    expect(config).toContain('data-label="API token"');
    const editor = (query: object) =>
      renderToStaticMarkup(
        react.createElement(plugin.components.QueryEditor!, {
          query: { refId: 'A', ...query },
          onChange: () => {},
          onRunQuery: () => {},
        } as never),
      );
    expect(editor({ kind: 'findings' })).toContain('data-label="Findings"');
    expect(editor({ kind: 'diagnose', devices: 'spoke1,spoke2' })).toContain('data-value="spoke1,spoke2"');
    expect(editor({ kind: 'topology' })).not.toContain('data-label="Device"');
  });

  it('writes plugin.json with the proxy route that adds the token, and the version', () => {
    const plugin = JSON.parse(readFileSync(join(outDir, 'plugin.json'), 'utf8'));
    expect(plugin).toMatchObject({
      type: 'datasource',
      id: 'dmvpnwatch-api-datasource',
      metrics: true,
      annotations: true,
      info: { version: '1.2.3' },
      routes: [
        {
          path: 'dmvpn',
          url: '{{ .JsonData.apiUrl }}',
          headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiToken }}' }],
        },
      ],
    });
    expect(readFileSync(join(outDir, 'img', 'logo.svg'), 'utf8')).toContain('<svg');
  });

  it('names a module the bundle asks for that Grafana does not provide', () => {
    const wrapped = wrapAsAmd('require("left-pad");', ['react']);
    expect(() => loadAmd(wrapped, { react: {} })).toThrow(
      /asks for left-pad, which Grafana does not provide/,
    );
  });
});
