/**
 * The invalidation buses against real services (PostgreSQL on 5432, Redis on 6379; .ci/run starts
 * both): a publish on one bus reaches the other, never the sender itself, and only buses on the
 * same channel.
 */
import {
  PostgresBus,
  RedisBus,
  type InvalidationBus,
} from '../../../../src/plugins/response-cache/server/src/bus';
import { until } from '../../../helpers/until';
import { postgres, redisUrl, requirePostgres, requireRedis } from './services';

const quiet = { info: () => undefined, warn: () => undefined };
const CHANNEL = 'response_cache_bus_test';

type MakeBus = (
  channel: string,
  onRemote: (tags: string[] | undefined) => void
) => InvalidationBus & { start(): Promise<void> };

/** Tags of the marker messages that close an exchange (never counted as received). */
const MARKER = ['marker'];
const isMarker = (tags: string[] | undefined) => tags?.[0] === MARKER[0];

/**
 * Starts a sender, a receiver and a bystander on another channel; the sender publishes once.
 * Both services deliver a channel's messages to each listener in publication order, so once the
 * sender has the receiver's later marker (and the bystander the marker sent on its channel), a
 * message that wrongly reached them would have arrived already: the counts are final.
 */
async function exchange(
  make: MakeBus
): Promise<{ sender: number; receiver: number; otherChannel: number; tags: unknown[] }> {
  const got = { sender: [], receiver: [], otherChannel: [] } as Record<
    'sender' | 'receiver' | 'otherChannel',
    Array<string[] | undefined>
  >;
  const sender = make(CHANNEL, (tags) => got.sender.push(tags));
  const receiver = make(CHANNEL, (tags) => got.receiver.push(tags));
  const bystander = make(`${CHANNEL}_other`, (tags) => got.otherChannel.push(tags));
  const otherSender = make(`${CHANNEL}_other`, () => undefined);
  const buses = [sender, receiver, bystander, otherSender];
  for (const bus of buses) await bus.start();
  try {
    // The tags of a write, then "everything" (what earlier versions send).
    await sender.publish(['d:abc@en', 't:api::city.city@en']);
    await sender.publish();
    await until('the receiver has both messages', () => got.receiver.length >= 2, {
      timeoutMs: 1000,
    });
    await receiver.publish(MARKER);
    await otherSender.publish(MARKER);
    await until('the sender has the marker', () => got.sender.some(isMarker));
    await until('the bystander has the marker', () => got.otherChannel.some(isMarker));
  } finally {
    await Promise.all(buses.map((bus) => bus.close()));
  }
  const count = (list: Array<string[] | undefined>) => list.filter((tags) => !isMarker(tags));
  return {
    sender: count(got.sender).length,
    receiver: count(got.receiver).length,
    otherChannel: count(got.otherChannel).length,
    tags: count(got.receiver),
  };
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
