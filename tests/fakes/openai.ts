import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server (POST /v1/chat/completions) on 127.0.0.1, for the coach's
 * optional language model. `mode` decides the next answers: a normal critique, one that quotes
 * the given text, a slow reply (held until the test releases it or the client gives up), a 429,
 * a 500, or a body that is not JSON.
 */
export type OpenAiMode = 'normal' | 'quote' | 'slow' | '429' | '500' | 'malformed';

export interface SeenRequest {
  path: string;
  authorization: string | undefined;
  body: { model?: string; messages?: { role: string; content: string }[] };
}

export class FakeOpenAi {
  mode: OpenAiMode = 'normal';
  /** What a `quote` reply repeats (the hidden model answer, in the test). */
  quote = '';
  critique = 'Good start: name the trade-offs too.';
  readonly requests: SeenRequest[] = [];
  private server: Server | null = null;
  private held: ServerResponse[] = [];

  get baseUrl(): string {
    const port = (this.server as Server).address() as AddressInfo | null;
    if (!port) throw new Error('the fake OpenAI server is not started');
    return `http://127.0.0.1:${port.port}/v1`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.held = [];
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    this.requests.push({
      path: req.url ?? '',
      authorization: req.headers.authorization,
      body: JSON.parse(raw || '{}'),
    });
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const completion = (content: string): void =>
      json(200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      });
    switch (this.mode) {
      case 'normal':
        return completion(JSON.stringify({ critique: this.critique }));
      case 'quote':
        return completion(JSON.stringify({ critique: `The notes say: ${this.quote}` }));
      case 'slow':
        this.held.push(res);
        return;
      case '429':
        return json(429, { error: { message: 'rate limited', type: 'rate_limit' } });
      case '500':
        return json(500, { error: { message: 'boom' } });
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [');
        return;
    }
  }
}
