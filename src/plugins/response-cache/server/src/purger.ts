/**
 * Purgers: after this instance evicted tags from its own memory, the same tags are purged from the
 * shared cache in front of the app (Varnish, a CDN). Every instance purges after its own eviction,
 * so a shared cache that refilled from an instance which had not heard of the write yet is purged
 * again once that instance has.
 */
import type { PurgerConfig } from './lib/config';
import { TOKENS } from './lib/tags';

export interface Purger {
  purge(tags: readonly string[]): Promise<void>;
}

/** Most bytes of tags in one `xkey-purge` header (Varnish's default header limit is 8 KiB). */
const MAX_HEADER = 4000;

/** Splits tags into space-separated header values of at most {@link MAX_HEADER} bytes. */
export function purgeHeaders(tags: readonly string[]): string[] {
  const headers: string[] = [];
  let current = '';
  for (const tag of tags) {
    if (current !== '' && current.length + 1 + tag.length > MAX_HEADER) {
      headers.push(current);
      current = '';
    }
    current = current === '' ? tag : `${current} ${tag}`;
  }
  if (current !== '') headers.push(current);
  return headers;
}

/** `PURGE` with `xkey-purge: <tags>` to each Varnish (deploy/varnish/default.vcl). */
export class VarnishPurger implements Purger {
  constructor(private readonly urls: readonly string[]) {}

  async purge(tags: readonly string[]): Promise<void> {
    const failures: string[] = [];
    await Promise.all(
      this.urls.flatMap((url) =>
        purgeHeaders(tags).map(async (header) => {
          try {
            const res = await fetch(url, {
              method: 'PURGE',
              headers: { 'xkey-purge': header },
              signal: AbortSignal.timeout(5000),
            });
            await res.arrayBuffer();
            if (!res.ok) failures.push(`${url}: HTTP ${res.status}`);
          } catch (error) {
            failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
          }
        })
      )
    );
    if (failures.length > 0) throw new Error(`purge failed (${failures.join('; ')})`);
  }
}

/** The purger of a config, or undefined for `none`. Token tags never reach it. */
export function createPurger(config: PurgerConfig): Purger | undefined {
  const inner: Purger | undefined =
    config.kind === 'varnish'
      ? new VarnishPurger(config.urls)
      : config.kind === 'custom'
        ? { purge: (tags) => config.purge([...tags]) }
        : undefined;
  if (!inner) return undefined;
  return {
    async purge(tags) {
      const shared = tags.filter((tag) => tag !== TOKENS);
      if (shared.length > 0) await inner.purge(shared);
    },
  };
}
