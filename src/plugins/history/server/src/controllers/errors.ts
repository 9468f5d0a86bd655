import type { Context } from 'koa';
import { HistoryRequestError } from '../services/versions';

const ERROR_NAMES = { 400: 'ValidationError', 403: 'ForbiddenError', 404: 'NotFoundError' };

/** Answers in Strapi's error shape. */
export function fail(ctx: Context, status: 400 | 403 | 404, message: string): void {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name: ERROR_NAMES[status], message, details: {} } };
}

/** Runs a handler; a {@link HistoryRequestError} becomes its 4xx answer. */
export async function answering(ctx: Context, handle: () => Promise<void>): Promise<void> {
  try {
    await handle();
  } catch (error) {
    if (!(error instanceof HistoryRequestError)) throw error;
    fail(ctx, error.status, error.message);
  }
}
