import http from 'node:http';
import { baseUrl } from './api';

export interface ClientResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/**
 * An HTTP request to the booted app sent from the loopback address `from` (127.0.0.1,
 * 127.0.0.2, …: all of 127/8 is loopback on Linux), so the app sees distinct clients without
 * trusting any proxy header.
 */
export function requestFrom(
  from: string,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
    /** The body as JSON text, for bodies JSON.stringify cannot write (nested too deep). */
    json?: string;
  } = {}
): Promise<ClientResponse> {
  const url = new URL(path, baseUrl());
  const payload =
    options.json ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? (payload ? 'POST' : 'GET'),
        localAddress: from,
        agent: false,
        headers: {
          // As fetch and browsers send it (an anonymous GraphQL body must declare its length).
          ...(payload
            ? {
                'Content-Type': 'application/json',
                'Content-Length': String(Buffer.byteLength(payload)),
              }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      }
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
