// Test helper (not a suite): sends requests with the public Node SDK's own client to a loopback
// server and returns them as the server received them, so tests see the real wire bytes.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { IncomingSignedRequest } from './verify.js';

export interface SdkCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** May hold `{project_id}` and other `{pathParams}`. */
  url: string;
  contentType: string;
  pathParams?: Record<string, string>;
  queryParams?: Record<string, string | number | string[]>;
  data?: unknown;
}

export interface SdkCredentials {
  accessKey: string;
  secretKey: string;
  projectId: string;
}

interface HcClientLike {
  sendRequest(options: Record<string, unknown>): Promise<unknown>;
}

const require = createRequire(import.meta.url);
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core') as {
  BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): { withProjectId(p: string): unknown } } };
};
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js') as {
  ClientBuilder: new (init: (c: HcClientLike) => HcClientLike) => {
    withCredential(c: unknown): { withEndpoint(e: string): { build(): HcClientLike } };
  };
};

export async function captureNodeSdkRequests(creds: SdkCredentials, calls: readonly SdkCall[]): Promise<IncomingSignedRequest[]> {
  const captured: IncomingSignedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, body: Buffer.concat(chunks) });
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const credential = new BasicCredentials().withAk(creds.accessKey).withSk(creds.secretKey).withProjectId(creds.projectId);
    const client = new ClientBuilder((c) => c).withCredential(credential).withEndpoint(`http://127.0.0.1:${port}`).build();
    for (const call of calls) {
      await client.sendRequest({ headers: {}, pathParams: {}, queryParams: {}, ...call });
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return captured;
}
