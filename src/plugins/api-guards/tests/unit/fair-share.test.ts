import { FairShare } from '../../server/src/lib/fair-share';

const settings = { windowMs: 1000, factor: 2, minPerWindow: 3 };

/** Sends `count` requests of `key` at `nowMs`; returns how many were admitted. */
const send = (share: FairShare, key: string, count: number, nowMs: number, saturated = true) =>
  Array.from({ length: count }, () => share.admit(key, nowMs, saturated)).filter(Boolean).length;

describe('FairShare', () => {
  it('never refuses a client alone: it is the typical client', () => {
    const share = new FairShare(settings);
    expect(send(share, 'a', 100, 0)).toBe(100);
  });

  it('judges by the current window while there is no previous one', () => {
    const share = new FairShare(settings);
    for (const visitor of ['v1', 'v2', 'v3']) send(share, visitor, 4, 0);
    expect(send(share, 'attacker', 100, 0)).toBe(8);
  });

  it('holds a heavy client to factor × the median client of the last window while saturated', () => {
    const share = new FairShare(settings);
    // Window 1: three visitors with 5 requests each, one attacker with 100.
    for (const visitor of ['v1', 'v2', 'v3']) send(share, visitor, 5, 0);
    send(share, 'attacker', 100, 0);
    // Window 2: the median client made 5 (the attacker does not pull it up, as a mean would).
    expect(share.share(1000)).toBe(10);
    expect(send(share, 'attacker', 100, 1000)).toBe(10);
    // The visitors keep every request up to the same share.
    expect(send(share, 'v1', 10, 1000)).toBe(10);
    expect(send(share, 'v2', 5, 1000)).toBe(5);
  });

  it('refuses nothing while the server is not saturated', () => {
    const share = new FairShare(settings);
    for (const visitor of ['v1', 'v2', 'v3']) send(share, visitor, 5, 0);
    expect(send(share, 'attacker', 100, 1000, false)).toBe(100);
  });

  it('never refuses below minPerWindow', () => {
    const share = new FairShare({ ...settings, minPerWindow: 50 });
    for (const visitor of ['v1', 'v2', 'v3']) send(share, visitor, 1, 0);
    expect(send(share, 'attacker', 100, 1000)).toBe(50);
  });

  it('forgets the evidence after an idle window', () => {
    const share = new FairShare(settings);
    for (const visitor of ['v1', 'v2', 'v3']) send(share, visitor, 1, 0);
    expect(share.share(1500)).toBe(3);
    // Nothing between 1000 and 3500: the window that ended started long before, and the
    // current one has no client yet.
    expect(share.share(3500)).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts only admitted requests: a refused flood does not raise the share', () => {
    const share = new FairShare(settings);
    for (const visitor of ['v1', 'v2']) send(share, visitor, 4, 0);
    send(share, 'attacker', 4, 0);
    expect(send(share, 'attacker', 1000, 1000)).toBe(8);
    for (const visitor of ['v1', 'v2']) send(share, visitor, 4, 1000);
    // Median of 4, 4 and the attacker's 8 admitted (not 1000): 4.
    expect(share.share(2000)).toBe(8);
  });
});
