import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Wraps the server's request listeners so the harness knows how many requests the app is still
 * handling. A request counts until the app's own handler (Koa's middleware chain) has finished,
 * not until the client stopped waiting: a request whose client gave up (a timeout, an aborted
 * test) can still be writing. Returns the current count.
 */
export function trackRequestsInFlight(server: Server): () => number {
  let inFlight = 0;
  const done = () => {
    inFlight -= 1;
  };
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  for (const listener of listeners) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      inFlight += 1;
      let handled: unknown;
      try {
        handled = listener.call(server, req, res);
      } catch (error) {
        done();
        throw error;
      }
      // Koa's handler returns the promise of its middleware chain (errors already handled).
      void Promise.resolve(handled).then(done, done);
    });
  }
  return () => inFlight;
}
