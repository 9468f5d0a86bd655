/**
 * The invalidation buses against real services (PostgreSQL on 5432, Redis on 6379; .ci/run starts
 * both): a publish on one bus reaches the other, never the sender itself, and only buses on the
 * same channel.
 */
import { PostgresBus, RedisBus, type InvalidationBus } from '../../server/src/bus';
import { postgres, redisUrl, requirePostgres, requireRedis } from './services';

const quiet = { info: () => undefined, warn: () => undefined };
const CHANNEL = 'response_cache_bus_test';

type MakeBus = (
  channel: string,
  onRemote: (tags: string[] | undefined) => void
) => InvalidationBus & { start(): Promise<void> };

/** Starts a sender, a receiver and a bystander on another channel; the sender publishes once. */
async function exchange(
  make: MakeBus
): Promise<{ sender: number; receiver: number; otherChannel: number; tags: unknown[] }> {
  const received = { sender: 0, receiver: 0, otherChannel: 0, tags: [] as unknown[] };
  const sender = make(CHANNEL, () => (received.sender += 1));
  const receiver = make(CHANNEL, (tags) => {
    received.receiver += 1;
    received.tags.push(tags);
  });
  const bystander = make(`${CHANNEL}_other`, () => (received.otherChannel += 1));
  await sender.start();
  await receiver.start();
  await bystander.start();
  try {
    // The tags of a write, then "everything" (what earlier versions send).
    await sender.publish(['d:abc@en', 't:api::city.city@en']);
    await sender.publish();
    const deadline = Date.now() + 1000;
    while (received.receiver < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Give a message to the sender itself (or the other channel) a chance to arrive, so the
    // assertions below mean something.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await Promise.all([sender.close(), receiver.close(), bystander.close()]);
  }
  return received;
}

describe('invalidation bus: PostgreSQL LISTEN/NOTIFY', () => {
  beforeAll(requirePostgres);

  it('reaches the other instance within a second, not the sender, not another channel', async () => {
    expect(
      await exchange((channel, onRemote) => new PostgresBus(postgres, channel, onRemote, quiet))
    ).toEqual({
      sender: 0,
      receiver: 2,
      otherChannel: 0,
      tags: [['d:abc@en', 't:api::city.city@en'], undefined],
    });
  });
});

describe('invalidation bus: Redis pub/sub', () => {
  beforeAll(requireRedis);

  it('reaches the other instance within a second, not the sender, not another channel', async () => {
    expect(
      await exchange((channel, onRemote) => new RedisBus(redisUrl, channel, onRemote, quiet))
    ).toEqual({
      sender: 0,
      receiver: 2,
      otherChannel: 0,
      tags: [['d:abc@en', 't:api::city.city@en'], undefined],
    });
  });
});
