/**
 * The client address of a request as Koa computes `ctx.request.ip`, for code that runs before Koa
 * (a hit answered at Node's `request` listener): with `proxy` on, the first address of the proxy
 * header (after keeping only its last `maxIpsCount`), else the socket's peer. Pure.
 */
export interface ProxySettings {
  proxy: boolean;
  proxyIpHeader: string;
  maxIpsCount: number;
}

export function requestIp(
  header: string | string[] | undefined,
  remoteAddress: string | undefined,
  settings: ProxySettings
): string {
  const value = Array.isArray(header) ? header.join(',') : header;
  let ips = settings.proxy && value ? value.split(',').map((ip) => ip.trim()) : [];
  if (settings.maxIpsCount > 0) ips = ips.slice(-settings.maxIpsCount);
  return ips[0] || remoteAddress || '';
}
