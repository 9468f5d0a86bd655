import { Writable } from 'node:stream';
import { createLogger, winston } from '@strapi/logger';
import loggerConfig from '../../config/logger';

/** A logger built as Strapi builds it from config/logger.ts, writing into `lines`. */
function loggerFor(values: Record<string, string>, lines: string[]) {
  const env = (name: string, fallback?: string) => values[name] ?? fallback;
  const config = loggerConfig({ env } as unknown as Parameters<typeof loggerConfig>[0]);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return createLogger({
    ...config,
    transports: [new winston.transports.Stream({ stream: sink })],
  });
}

describe('config/logger.ts (STRAPI_LOG_LEVEL)', () => {
  it('writes request lines (level http) by default, formatted as Strapi formats them', () => {
    const lines: string[] = [];
    const logger = loggerFor({}, lines);
    logger.http('GET /api/cities (3 ms) 200');
    logger.info('started');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] .*http.*: GET \/api\/cities \(3 ms\) 200/
    );
  });

  it('drops what is below the chosen level before formatting it, and keeps the rest', () => {
    const lines: string[] = [];
    const logger = loggerFor({ STRAPI_LOG_LEVEL: 'info' }, lines);
    const formatted: string[] = [];
    logger.format = winston.format.combine(
      logger.format,
      winston.format((info) => {
        formatted.push(String(info.message));
        return info;
      })()
    );
    logger.http('GET /api/cities (3 ms) 200');
    logger.debug('details');
    logger.info('started');
    logger.warn('careful');
    expect(lines.map((line) => line.replace(/^.*: /, '').trim())).toEqual(['started', 'careful']);
    expect(formatted).toEqual(['started', 'careful']);
  });

  it('writes only errors at level error', () => {
    const lines: string[] = [];
    const logger = loggerFor({ STRAPI_LOG_LEVEL: 'error' }, lines);
    logger.warn('careful');
    logger.error('broken');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('broken');
  });
});
