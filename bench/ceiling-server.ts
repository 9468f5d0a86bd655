/**
 * The ceiling of the benchmark: a bare Node.js `http` server that answers every request with the
 * bytes and headers of a REST response captured from the app. Usage: ceiling-server <file> <port>
 * where <file> is JSON `{ headers, body }` (body in base64).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [file, port] = process.argv.slice(2);
const captured = JSON.parse(readFileSync(file, 'utf8')) as {
  headers: Record<string, string>;
  body: string;
};
const body = Buffer.from(captured.body, 'base64');
const headers = { ...captured.headers, 'content-length': String(body.length) };

http
  .createServer((_request, response) => {
    response.writeHead(200, headers);
    response.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
