import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResponseLike } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpRequest } from '../src/chat/discord/http.ts';

// discord.js's REST over it is driven end to end by tests/discord.test.ts (JSON posts, a 429 and
// its retry-after, a 50013, a multipart /export); these are the edges those do not reach.
describe("Discord REST's makeRequest on node:http", () => {
  const seen: { method: string; body: string; port: number }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', body, port: req.socket.remotePort ?? 0 });
      if (req.url === '/hang') return; // never answers
      res.writeHead(201, { 'content-type': 'application/json', 'x-ratelimit-bucket': 'b1' });
      res.end(JSON.stringify({ id: '1', echo: body }));
    });
  });
  let base = '';
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const fallback = async (): Promise<ResponseLike> => {
    throw new Error('fallback used');
  };

  it('sends the body, reads status, headers and JSON, and keeps the connection for the next', async () => {
    const request = nodeHttpRequest(fallback).makeRequest;
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"content":"질문"}',
    };
    const first = await request(`${base}/x`, init);
    expect(first.status).toBe(201);
    expect(first.ok).toBe(true);
    expect(first.headers.get('X-RateLimit-Bucket')).toBe('b1');
    expect(await first.json()).toEqual({ id: '1', echo: '{"content":"질문"}' });
    expect(first.bodyUsed).toBe(true);
    await request(`${base}/x`, init);
    expect(seen.at(-1)?.port).toBe(seen.at(-2)?.port);
  });

  it('rejects with an AbortError when discord.js aborts it (its timeout), which it retries', async () => {
    const request = nodeHttpRequest(fallback).makeRequest;
    const controller = new AbortController();
    const pending = request(`${base}/hang`, {
      method: 'POST',
      body: '{}',
      signal: controller.signal,
    });
    while (!seen.some((s) => s.body === '{}')) await new Promise((r) => setImmediate(r));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('leaves a body that is not text (files: a FormData, bytes) to the default it replaces', async () => {
    const request = nodeHttpRequest(fallback).makeRequest;
    await expect(
      request(`${base}/x`, { method: 'POST', body: new Uint8Array([1]) }),
    ).rejects.toThrow('fallback used');
  });
});
