import net from 'node:net';
import { TurnPacer } from '../../server/src/lib/turn-pacer';

/** Resolves after the pacer's next turn began (its turn is two immediates away). */
const turnPassed = () =>
  new Promise<void>((resolve) => setImmediate(() => setImmediate(() => resolve())));

describe('TurnPacer', () => {
  it('starts the first caller of a turn at once and one waiting caller per later turn, in order', async () => {
    const pacer = new TurnPacer();
    const started: string[] = [];
    expect(pacer.turn()).toBeUndefined();
    started.push('a');
    const b = pacer.turn();
    const c = pacer.turn();
    expect(b).toBeInstanceOf(Promise);
    expect(c).toBeInstanceOf(Promise);
    void b?.then(() => started.push('b'));
    void c?.then(() => started.push('c'));
    expect(pacer.queued).toBe(2);
    await turnPassed();
    expect(started).toEqual(['a', 'b']);
    await turnPassed();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(pacer.queued).toBe(0);
  });

  it('lets a socket that became readable meanwhile be read before the next paced start', async () => {
    const events: string[] = [];
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    const client = net.connect(port, '127.0.0.1');
    const connected = new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const [socket] = await Promise.all([accepted, connected]);
    socket.on('data', () => events.push('io'));
    try {
      const pacer = new TurnPacer();
      expect(pacer.turn()).toBeUndefined();
      // A probe arrives while the first request's synchronous stretch runs. The write went to
      // the kernel at once (nothing left buffered in the process), and on loopback that makes the
      // server's socket readable before the next poll phase.
      client.write('GET /_health');
      expect(client.writableLength).toBe(0);
      const second = pacer.turn();
      expect(second).toBeInstanceOf(Promise);
      await second?.then(() => events.push('second'));
      expect(events).toEqual(['io', 'second']);
    } finally {
      client.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('starts a caller at once again once a turn has passed without one waiting', async () => {
    const pacer = new TurnPacer();
    expect(pacer.turn()).toBeUndefined();
    await turnPassed();
    expect(pacer.turn()).toBeUndefined();
    expect(pacer.queued).toBe(0);
  });
});
