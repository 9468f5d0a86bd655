/**
 * The hostile soak's HTTP client: one request from a chosen loopback source address
 * (`localAddress`), so that the server sees several clients, with a deadline after which the
 * socket is destroyed. A plain `http.request` loop: autocannon cannot set the source address.
 */
import http from 'node:http';

export interface Answer {
  /** HTTP status, or 0 when no answer came (refused, reset, or the deadline passed). */
  status: number;
  ms: number;
  /** What went wrong when `status` is 0 (`ECONNRESET`, `timeout`, …). */
  error?: string;
  retryAfter?: string;
  cache?: string;
  /** The body, only when asked for (`keepBody`). */
  body?: string;
  bytes: number;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  keepBody?: boolean;
  /** Keep the body of a 429 or 503 only (the refusal's message says which guard refused). */
  keepRefusalBody?: boolean;
}

/** A keep-alive agent whose sockets all leave from `localAddress`. */
export function agentFrom(localAddress: string, maxSockets = Infinity): http.Agent {
  // `localAddress` is an agent option of net.connect that @types/node does not list on Agent.
  return new http.Agent({ keepAlive: true, maxSockets, localAddress } as http.AgentOptions);
}

export function send(
  agent: http.Agent,
  port: number,
  path: string,
  options: RequestOptions = {}
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, ms: performance.now() - started });
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers: {
          // With a length, as browsers and fetch send a body (not chunked).
          ...(options.body === undefined
            ? {}
            : {
                'Content-Type': 'application/json',
                'Content-Length': String(Buffer.byteLength(options.body)),
              }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        const keep =
          options.keepBody === true ||
          (options.keepRefusalBody === true && (res.statusCode === 429 || res.statusCode === 503));
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (keep) chunks.push(chunk);
        });
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            bytes,
            retryAfter: header(res.headers['retry-after']),
            cache: header(res.headers['x-cache']),
            body: keep ? Buffer.concat(chunks).toString('utf8') : undefined,
          })
        );
        res.on('error', (error) => done({ status: 0, bytes, error: error.message }));
      }
    );
    const timer = setTimeout(() => {
      req.destroy();
      done({ status: 0, bytes: 0, error: 'timeout' });
    }, options.timeoutMs ?? 10_000);
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({ status: 0, bytes: 0, error: error.code ?? error.message })
    );
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const header = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(', ') : value;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
