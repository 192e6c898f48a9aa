/**
 * electron-updater without Electron, the way electron-builder tests its own updater
 * (test/src/helpers/TestAppAdapter.ts, updaterTestUtil.ts): a test AppAdapter for the app, a
 * Node HTTP executor instead of Electron's `net`, and NsisUpdater's test-only options, against a
 * local HTTP server that serves latest.yml and the installer like a self-hosted "generic" provider.
 */
import { createHash } from 'node:crypto';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';

export class TestAppAdapter implements AppAdapter {
  readonly name = 'Kontor';
  readonly isPackaged = true;
  readonly appUpdateConfigPath: string;
  readonly userDataPath: string;
  readonly baseCachePath: string;
  readonly version: string;
  quits = 0;

  constructor(version: string, dir: string) {
    this.version = version;
    this.userDataPath = dir;
    this.baseCachePath = join(dir, 'cache');
    this.appUpdateConfigPath = join(dir, 'app-update.yml');
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {}
  quit(): void {
    this.quits++;
  }
  onQuit(): void {}
}

/** Downloads through node:http, as electron-builder's NodeHttpExecutor does in its tests. */
export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }

  createRequest(options: Record<string, unknown>, callback: (response: IncomingMessage) => void): ClientRequest {
    return (options.protocol === 'https:' ? httpsRequest : httpRequest)(options, callback);
  }
}

export interface Release {
  version: string;
  installer: Buffer;
  /** Served instead of `installer` (a tampered download), while latest.yml keeps the real checksum. */
  served?: Buffer;
  releaseNotes: string;
}

export interface ReleaseServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export const sha512 = (data: Buffer): string => createHash('sha512').update(data).digest('base64');

export async function serveRelease(release: Release): Promise<ReleaseServer> {
  const file = `Kontor-Setup-${release.version}.exe`;
  const latest = [
    `version: ${release.version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512(release.installer)}`,
    `    size: ${release.installer.length}`,
    `path: ${file}`,
    `sha512: ${sha512(release.installer)}`,
    `releaseDate: '2026-11-20T10:00:00.000Z'`,
    `releaseNotes: ${JSON.stringify(release.releaseNotes)}`,
    '',
  ].join('\n');
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push(path);
    if (path === '/latest.yml') {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(latest);
    } else if (path === `/${file}`) {
      const body = release.served ?? release.installer;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An NsisUpdater for `version` reading the generic provider at `url` (with `publisherName` when given). */
export function createTestUpdater(version: string, dir: string, url: string, publisherName?: string): { updater: NsisUpdater; app: TestAppAdapter } {
  const app = new TestAppAdapter(version, dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    app.appUpdateConfigPath,
    [`provider: generic`, `url: ${url}`, `updaterCacheDirName: kontor-updater`, ...(publisherName ? [`publisherName:`, `  - ${publisherName}`] : []), ''].join('\n'),
  );
  const updater = new NsisUpdater(null, app);
  const internals = updater as unknown as { httpExecutor: HttpExecutor<ClientRequest>; _testOnlyOptions: { platform: string; isUseDifferentialDownload: boolean } };
  internals.httpExecutor = new NodeHttpExecutor();
  internals._testOnlyOptions = { platform: 'win32', isUseDifferentialDownload: false };
  return { updater, app };
}
