import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { answerClientErrorsAsProblems } from './client-errors';

describe(answerClientErrorsAsProblems.name, () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    answerClientErrorsAsProblems(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function get(headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answers an oversized head with 431 problem+json', async () => {
    const answer = await get({ 'x-padding': 'x'.repeat(20_000) });
    expect(answer.status).toBe(431);
    expect(answer.type).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
  });

  it('leaves ordinary requests alone', async () => {
    expect(await get({})).toMatchObject({ status: 200, body: 'ok' });
  });
});
