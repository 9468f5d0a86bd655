/**
 * Invalidation bus between instances that share a database: after a committed write, the writing
 * instance publishes the cache tags it evicted (`{ from, tags }`); every other instance evicts the
 * same tags when it receives them. A message without tags (what earlier versions of this plugin
 * send) means "drop everything", so instances of both versions keep working during a rolling
 * deploy.
 * PostgreSQL LISTEN/NOTIFY on the app's own database, or Redis pub/sub; no protocol of our own.
 * The channel name comes from the plugin config (validated as a plain SQL identifier).
 */
import { randomUUID } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';
import Redis from 'ioredis';

export interface BusLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** What the other instances are told: the tags to evict, or undefined for everything. */
export type RemoteChange = (tags: string[] | undefined) => void;

export interface InvalidationBus {
  /** Tells the other instances which tags to evict (undefined: everything). */
  publish(tags?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

interface Message {
  from: string;
  tags?: unknown;
}

/** PostgreSQL's NOTIFY payload limit is 8000 bytes; beyond this, "evict everything" is sent. */
const MAX_PAYLOAD = 7500;

/** The JSON of a message, falling back to "evict everything" when the tags do not fit. */
export function encodeMessage(from: string, tags: readonly string[] | undefined): string {
  if (tags) {
    const payload = JSON.stringify({ from, tags });
    if (Buffer.byteLength(payload) <= MAX_PAYLOAD) return payload;
  }
  return JSON.stringify({ from });
}

/** The tags of a message, undefined when it asks to evict everything (also the old format). */
export function messageTags(message: Message): string[] | undefined {
  const { tags } = message;
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) return undefined;
  return tags as string[];
}

function parseMessage(payload: string | undefined): Message | undefined {
  try {
    const message: unknown = JSON.parse(payload ?? '');
    if (
      typeof message === 'object' &&
      message !== null &&
      typeof (message as Message).from === 'string'
    ) {
      return message as Message;
    }
  } catch {
    // Not ours; ignore.
  }
  return undefined;
}

/**
 * PostgreSQL LISTEN/NOTIFY over one dedicated connection (not from the pool: a pooled connection
 * would lose its LISTEN when recycled). Reconnects with back-off; after a reconnection the local
 * cache is dropped, since notifications sent while disconnected are lost.
 */
export class PostgresBus implements InvalidationBus {
  private readonly id = randomUUID();
  private client?: Client;
  private closed = false;
  private retryTimer?: NodeJS.Timeout;
  private retryDelay = 250;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onRemoteChange: RemoteChange,
    private readonly log: BusLogger
  ) {}

  /** Connects and listens; resolves once listening, rejects if the first connection fails. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    client.on('notification', (notification) => {
      const message = parseMessage(notification.payload);
      if (message && message.from !== this.id) this.onRemoteChange(messageTags(message));
    });
    client.on('error', (error) => {
      this.log.warn(`[response-cache] PostgreSQL bus connection error: ${error.message}`);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.retryDelay = 250;
  }

  /** Forgets a broken connection and schedules a new one. */
  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().then(
        () => {
          this.log.info('[response-cache] PostgreSQL bus reconnected');
          // Notifications sent while we were away are lost: assume content changed.
          this.onRemoteChange(undefined);
        },
        () => {
          this.retryDelay = Math.min(this.retryDelay * 2, 5000);
          this.scheduleReconnect();
        }
      );
    }, this.retryDelay);
    this.retryTimer.unref();
  }

  async publish(tags?: readonly string[]): Promise<void> {
    const client = this.client;
    if (!client) {
      this.log.warn(
        '[response-cache] PostgreSQL bus is disconnected: other instances were not told'
      );
      return;
    }
    await client.query('SELECT pg_notify($1, $2)', [this.channel, encodeMessage(this.id, tags)]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/**
 * Redis pub/sub: one subscriber and one publisher connection (a subscribed Redis connection cannot
 * publish). ioredis reconnects by itself; each re-subscription drops the local cache.
 */
export class RedisBus implements InvalidationBus {
  private readonly id = randomUUID();
  private readonly subscriber: Redis;
  private readonly publisher: Redis;
  private subscribedOnce = false;

  constructor(
    url: string,
    private readonly channel: string,
    private readonly onRemoteChange: RemoteChange,
    private readonly log: BusLogger
  ) {
    this.subscriber = new Redis(url, { lazyConnect: true });
    this.publisher = new Redis(url, { lazyConnect: true });
    for (const connection of [this.subscriber, this.publisher]) {
      connection.on('error', (error: Error) =>
        this.log.warn(`[response-cache] Redis bus error: ${error.message}`)
      );
    }
    this.subscriber.on('message', (_channel: string, payload: string) => {
      const message = parseMessage(payload);
      if (message && message.from !== this.id) this.onRemoteChange(messageTags(message));
    });
    this.subscriber.on('ready', () => {
      if (this.subscribedOnce) this.onRemoteChange(undefined);
    });
  }

  async start(): Promise<void> {
    await Promise.all([this.subscriber.connect(), this.publisher.connect()]);
    await this.subscriber.subscribe(this.channel);
    this.subscribedOnce = true;
  }

  async publish(tags?: readonly string[]): Promise<void> {
    await this.publisher.publish(this.channel, encodeMessage(this.id, tags));
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
