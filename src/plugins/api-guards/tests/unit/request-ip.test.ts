import { requestIp } from '../../server/src/lib/request-ip';

const direct = { proxy: false, proxyIpHeader: 'X-Forwarded-For', maxIpsCount: 0 };
const proxied = { ...direct, proxy: true };

describe('requestIp (Koa ctx.request.ip before Koa)', () => {
  it('is the peer address when the app does not trust a proxy, whatever the header says', () => {
    expect(requestIp('203.0.113.9', '127.0.0.1', direct)).toBe('127.0.0.1');
  });

  it('is the first forwarded address behind a trusted proxy', () => {
    expect(requestIp('203.0.113.9, 10.0.0.2', '127.0.0.1', proxied)).toBe('203.0.113.9');
    expect(requestIp(undefined, '127.0.0.1', proxied)).toBe('127.0.0.1');
  });

  it('keeps only the last maxIpsCount forwarded addresses, as Koa does', () => {
    const settings = { ...proxied, maxIpsCount: 1 };
    expect(requestIp('198.51.100.7, 203.0.113.9', '127.0.0.1', settings)).toBe('203.0.113.9');
  });

  it('is empty when nothing is known', () => {
    expect(requestIp(undefined, undefined, direct)).toBe('');
  });
});
