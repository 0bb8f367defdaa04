// What the datasource's tests share: the real @grafana/data and React (CommonJS: their ES builds do not load in
// plain Node), a small AMD loader that runs module.js the way Grafana does, and a stand-in for Grafana's data source
// proxy that applies plugin.json's route to a request and sends it to the API.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as GrafanaData from '@grafana/data';
import type { ApiRequest, Transport } from './src/api-client.js';

const require = createRequire(import.meta.url);

export const grafanaData = (): typeof GrafanaData => require('@grafana/data');
export const realReact = (): typeof import('react') => require('react');
export const renderToStaticMarkup = (element: unknown): string =>
  (require('react-dom/server') as { renderToStaticMarkup(element: unknown): string }).renderToStaticMarkup(
    element,
  );

export interface AmdModule {
  dependencies: string[];
  exports: Record<string, unknown>;
}

/** Runs an AMD module: `define(dependencies, factory)`, each dependency taken from `provided`. */
export function loadAmd(code: string, provided: Record<string, unknown>): AmdModule {
  const defined: AmdModule[] = [];
  const define = (dependencies: string[], factory: (...modules: unknown[]) => Record<string, unknown>) => {
    const missing = dependencies.filter((name) => !(name in provided));
    if (missing.length > 0) throw new Error(`the module asks for ${missing.join(', ')}`);
    defined.push({ dependencies, exports: factory(...dependencies.map((name) => provided[name])) });
  };
  new Function('define', code)(define);
  if (defined.length !== 1) throw new Error(`define was called ${defined.length} times`);
  return defined[0]!;
}

/** The dependency list of the module's `define` call, read from its text. */
export function defineDependencies(code: string): string[] {
  const match = /^define\((\[[^\]]*\]),\s*function\s*\(/.exec(code);
  if (!match) throw new Error('module.js does not start with define([...], function (');
  return JSON.parse(match[1]!) as string[];
}

interface ProxyRoute {
  path: string;
  url: string;
  headers: { name: string; content: string }[];
}

/**
 * Grafana's side of a proxied call: `/api/datasources/proxy/uid/UID/ROUTE/rest` goes to the route's url (from the
 * datasource's jsonData) plus `/rest`, with the route's headers (from its secureJsonData).
 */
export function grafanaProxy(
  pluginDir: string,
  settings: { jsonData: Record<string, string>; secureJsonData: Record<string, string> },
) {
  const plugin = JSON.parse(readFileSync(join(pluginDir, 'plugin.json'), 'utf8')) as { routes: ProxyRoute[] };
  const fill = (template: string) =>
    template
      .replace(/\{\{ \.JsonData\.(\w+) \}\}/g, (_, key: string) => settings.jsonData[key] ?? '')
      .replace(/\{\{ \.SecureJsonData\.(\w+) \}\}/g, (_, key: string) => settings.secureJsonData[key] ?? '');
  return async (url: string, init: { method: string; body?: unknown }) => {
    const match = /^\/api\/datasources\/proxy\/uid\/[^/]+\/([^/?]+)(.*)$/.exec(url);
    const route = plugin.routes.find((candidate) => candidate.path === match?.[1]);
    if (!match || !route) throw new Error(`no proxy route for ${url}`);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const header of route.headers) headers[header.name] = fill(header.content);
    const response = await fetch(fill(route.url) + match[2], {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, statusText: response.statusText, data: await response.json() };
  };
}

/** Sends API requests straight to the server with a bearer token, as Grafana's proxy does. */
export function bearerTransport(base: string, token: string): Transport {
  return async (request: ApiRequest) => {
    const response = await fetch(base + request.path, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const body = (await response.json()) as { error?: string };
    if (!response.ok) throw new Error(`dmvpn-watch API ${response.status}: ${body.error}`);
    return body;
  };
}

type Proxy = ReturnType<typeof grafanaProxy>;

/** The two services of @grafana/runtime the datasource uses, as Grafana provides them, over `proxy`. */
export function grafanaRuntimeStandIn(proxy: Proxy) {
  return {
    getBackendSrv: () => ({
      fetch: (options: { url: string; method: string; data?: unknown }) => ({
        subscribe(observer: { next(value: unknown): void; error(error: unknown): void }) {
          proxy(options.url, { method: options.method, body: options.data }).then(
            (response) => (response.status < 300 ? observer.next(response) : observer.error(response)),
            (error) => observer.error({ data: {}, statusText: String(error) }),
          );
          return { unsubscribe() {} };
        },
      }),
    }),
    getTemplateSrv: () => ({ replace: (text: string) => text }),
  };
}

/** @grafana/ui's components as plain elements that keep their props' labels and values visible in markup. */
export function grafanaUiStandIn(react: typeof import('react')) {
  const element =
    (name: string) =>
    ({ label, value, children }: { label?: string; value?: unknown; children?: unknown }) =>
      react.createElement(
        'div',
        {
          'data-component': name,
          'data-label': label,
          'data-value': value === undefined ? undefined : String(value),
        },
        children as never,
      );
  return Object.fromEntries(
    ['InlineField', 'Input', 'RadioButtonGroup', 'SecretInput', 'Stack'].map((name) => [name, element(name)]),
  );
}
