/**
 * Bounds of the HTTP server itself (the plugin's `server` settings), applied to Node's server at
 * bootstrap: how long a client may take to send its headers and its whole request, how long an
 * idle keep-alive connection stays open, how many connections the process holds
 * (`server.maxConnections`) and how many of them one address may hold. Node's defaults let a
 * client take 300 s per request, and 20,000 slow-header connections reached the process's file
 * limit, after which new clients were reset.
 *
 * Node checks the two timeouts every `connectionsCheckingInterval` (30 s by default), which can
 * only be set when the server is created: the host app sets it in `server.http.serverOptions`
 * (this app: config/server.ts).
 */
import type { Core } from '@strapi/strapi';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiGuardsConfig } from './config';
import { httpServer, setMaxHeaderSize } from './internals';
import { clientKey } from './lib/client-key';

/** Counts open connections per address (IPv6: per /64) and refuses those over `max`. */
export function capConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const key = clientKey(socket.remoteAddress ?? 'unknown');
    const count = (open.get(key) ?? 0) + 1;
    if (count > max) {
      // Closed before any byte is read: the client sees a reset, as from a full server.
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}

/** Node's answers to requests it cannot parse, as it writes them without a `clientError` listener. */
const PLAIN_ANSWERS: Record<string, string> = {
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

function rawResponse(status: string, body?: string): string {
  const head = [`HTTP/1.1 ${status}`, 'Connection: close'];
  if (body === undefined) return `${head.join('\r\n')}\r\n\r\n`;
  head.push('Content-Type: application/json; charset=utf-8');
  head.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * Requests Node refuses before the app sees them: a head larger than `maxHeaderBytes` gets a
 * `431` in Strapi's error shape instead of Node's empty one (no CORS headers: the request's
 * `Origin` was never parsed); every other parse error gets Node's usual answer.
 */
export function answerClientErrors(server: Server, maxHeaderBytes: number): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && socket.bytesWritten === 0) {
      const code = error.code ?? '';
      if (code === 'HPE_HEADER_OVERFLOW') {
        const message = `The request line and headers are larger than ${maxHeaderBytes} bytes`;
        const body = JSON.stringify({
          data: null,
          error: {
            status: 431,
            name: 'RequestHeaderFieldsTooLargeError',
            message,
            details: { maxBytes: maxHeaderBytes },
          },
        });
        socket.write(rawResponse('431 Request Header Fields Too Large', body));
      } else {
        socket.write(rawResponse(PLAIN_ANSWERS[code] ?? '400 Bad Request'));
      }
    }
    socket.destroy(error);
  });
}

export function applyServerBounds(strapi: Core.Strapi): void {
  const settings = strapi.plugin('api-guards').config('server') as ApiGuardsConfig['server'];
  const server = httpServer(strapi);
  server.headersTimeout = settings.headersTimeoutMs;
  server.requestTimeout = settings.requestTimeoutMs;
  server.keepAliveTimeout = settings.keepAliveTimeoutMs;
  if (settings.maxConnections > 0) server.maxConnections = settings.maxConnections;
  setMaxHeaderSize(server, settings.maxHeaderBytes);
  answerClientErrors(server, settings.maxHeaderBytes);
  if (settings.maxConnectionsPerAddress > 0) {
    capConnectionsPerAddress(server, settings.maxConnectionsPerAddress);
  }
}
