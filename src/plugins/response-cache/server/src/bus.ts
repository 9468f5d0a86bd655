/**
 * Invalidation bus between instances that share a database: after a committed write, the writing
 * instance publishes a message; every other instance drops its cache when it receives it.
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

export interface InvalidationBus {
  /** Tells the other instances that content changed. */
  publish(): Promise<void>;
  close(): Promise<void>;
}

interface Message {
  from: string;
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
    private readonly onRemoteChange: () => void,
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
      if (message && message.from !== this.id) this.onRemoteChange();
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
          this.onRemoteChange();
        },
        () => {
          this.retryDelay = Math.min(this.retryDelay * 2, 5000);
          this.scheduleReconnect();
        }
      );
    }, this.retryDelay);
    this.retryTimer.unref();
  }

  async publish(): Promise<void> {
    const client = this.client;
    if (!client) {
      this.log.warn(
        '[response-cache] PostgreSQL bus is disconnected: other instances were not told'
      );
      return;
    }
    await client.query('SELECT pg_notify($1, $2)', [
      this.channel,
      JSON.stringify({ from: this.id }),
    ]);
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
    private readonly onRemoteChange: () => void,
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
      if (message && message.from !== this.id) this.onRemoteChange();
    });
    this.subscriber.on('ready', () => {
      if (this.subscribedOnce) this.onRemoteChange();
    });
  }

  async start(): Promise<void> {
    await Promise.all([this.subscriber.connect(), this.publisher.connect()]);
    await this.subscriber.subscribe(this.channel);
    this.subscribedOnce = true;
  }

  async publish(): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify({ from: this.id }));
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
