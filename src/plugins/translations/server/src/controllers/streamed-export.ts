/**
 * Sends a document that is produced piece by piece (the XLIFF export) as the HTTP response while
 * it is produced: the response never holds the whole document. The status and headers wait for
 * the first piece, so a request refused before anything is written still gets its 4xx, and a
 * document without pieces gets a 204. What is only known at the end (the unit count) follows the
 * body as an HTTP trailer.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';

/** Writes one piece; resolves when the response can take more (backpressure). */
export type WritePiece = (piece: string) => Promise<void>;

export interface StreamedDocument {
  /** Headers of a 200 answer. */
  headers: Record<string, string>;
  /** Trailers computed from what `produce` resolved with, sent after the last piece. */
  trailers: (result: { units: number }) => Record<string, string>;
  /** Writes the document through `write`; resolves with its unit count (0: nothing written). */
  produce: (write: WritePiece) => Promise<{ units: number }>;
}

/** Raised inside `produce` when the client went away: the rest is not worth producing. */
class ClientGoneError extends Error {}

/**
 * Answers `ctx` with the streamed document: errors thrown before the first piece propagate to the
 * caller (which answers 4xx); after it the response is cut off (the client sees an incomplete
 * chunked body, never a complete-looking file) and the error is logged by `onLateError`.
 */
export async function sendStreamed(
  ctx: Context,
  document: StreamedDocument,
  onLateError: (error: unknown) => void
): Promise<void> {
  const body = new PassThrough();
  let markStarted: () => void = () => undefined;
  const started = new Promise<'started'>((resolve) => {
    markStarted = () => resolve('started');
  });
  let gone = false;
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) gone = true;
  });
  const write: WritePiece = async (piece) => {
    if (gone) throw new ClientGoneError('the client closed the connection');
    markStarted();
    if (body.write(piece)) return;
    // Wait for the client to read, or for it to go away (then there is no drain to wait for).
    const abort = new AbortController();
    try {
      await Promise.race([
        once(body, 'drain', { signal: abort.signal }),
        once(ctx.res, 'close', { signal: abort.signal }),
      ]);
    } finally {
      abort.abort();
    }
    if (gone) throw new ClientGoneError('the client closed the connection');
  };
  const produced = document.produce(write);
  const finished = produced.then(() => 'finished' as const);
  // A failure after the first piece is handled below, not by the race.
  finished.catch(() => undefined);
  const first = await Promise.race([started, finished]);
  if (first === 'finished') {
    // `produce` ended without a piece: nothing to send.
    ctx.status = 204;
    return;
  }
  for (const [name, value] of Object.entries(document.headers)) ctx.set(name, value);
  ctx.set('Trailer', Object.keys(document.trailers({ units: 0 })).join(', '));
  ctx.status = 200;
  ctx.body = body;
  produced.then(
    (result) => {
      ctx.res.addTrailers(document.trailers(result));
      body.end();
    },
    (error: unknown) => {
      if (!(error instanceof ClientGoneError)) onLateError(error);
      body.destroy();
      ctx.res.destroy();
    }
  );
}
