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
import { httpServer } from './internals';
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

export function applyServerBounds(strapi: Core.Strapi): void {
  const settings = strapi.plugin('api-guards').config('server') as ApiGuardsConfig['server'];
  const server = httpServer(strapi);
  server.headersTimeout = settings.headersTimeoutMs;
  server.requestTimeout = settings.requestTimeoutMs;
  server.keepAliveTimeout = settings.keepAliveTimeoutMs;
  if (settings.maxConnections > 0) server.maxConnections = settings.maxConnections;
  if (settings.maxConnectionsPerAddress > 0) {
    capConnectionsPerAddress(server, settings.maxConnectionsPerAddress);
  }
}
