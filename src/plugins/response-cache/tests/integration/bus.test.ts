/**
 * The invalidation buses against the real services of this machine (PostgreSQL on 5432, Redis on
 * 6379; .ci/run starts both): a publish on one bus reaches the other, never the sender itself.
 */
import { PostgresBus, RedisBus, type InvalidationBus } from '../../src/lib/response-cache/bus';

const quiet = { info: () => undefined, warn: () => undefined };
const pg = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
  database: 'postgres',
};
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function exchange(
  make: (onRemote: () => void) => InvalidationBus & { start(): Promise<void> }
): Promise<{ sender: number; receiver: number }> {
  const received = { sender: 0, receiver: 0 };
  const sender = make(() => (received.sender += 1));
  const receiver = make(() => (received.receiver += 1));
  await sender.start();
  await receiver.start();
  try {
    await sender.publish();
    const deadline = Date.now() + 1000;
    while (received.receiver === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Give a message to the sender itself a chance to arrive, so the assertion below means something.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await sender.close();
    await receiver.close();
  }
  return received;
}

describe('invalidation bus', () => {
  it('PostgreSQL LISTEN/NOTIFY reaches the other instance within a second', async () => {
    expect(await exchange((onRemote) => new PostgresBus(pg, onRemote, quiet))).toEqual({
      sender: 0,
      receiver: 1,
    });
  });

  it('Redis pub/sub reaches the other instance within a second', async () => {
    expect(await exchange((onRemote) => new RedisBus(redisUrl, onRemote, quiet))).toEqual({
      sender: 0,
      receiver: 1,
    });
  });
});
