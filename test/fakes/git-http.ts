/**
 * A git smart-HTTP server on 127.0.0.1 in front of bare repositories (git http-backend as CGI), that
 * lets a request through only with GitHub's way of sending a token
 * (`Authorization: basic base64(x-access-token:<token>)`) and records which token each request used.
 * Tests use it to prove pushes are made with `github-token`, whatever the checkout left behind.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** http://127.0.0.1:port — the repository is at `${url}/<name>.git`. */
  url: string;
  /** One entry per request: the token it carried ("" when none, "duplicate" when two headers came). */
  seen: { path: string; token: string }[];
  stop(): Promise<void>;
}

export async function startGitHttp(projectRoot: string, tokens: string[]): Promise<GitHttpServer> {
  const seen: { path: string; token: string }[] = [];
  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = req.headersDistinct.authorization ?? [];
    const token = raw.length > 1 ? 'duplicate' : decode(raw[0]);
    seen.push({ path: url.pathname, token });
    if (raw.length > 1) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('Duplicate header: "Authorization"');
      return;
    }
    if (!tokens.includes(token)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"', 'content-type': 'text/plain' });
      res.end('Invalid username or token.');
      return;
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH ?? '',
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }
          : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    await new Promise<void>((resolve) => cgi.on('close', () => resolve()));
    const out = Buffer.concat(chunks);
    const split = out.indexOf('\r\n\r\n');
    const headerText = out.subarray(0, split).toString('utf8');
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const i = line.indexOf(':');
      const name = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else if (name) headers[name] = value;
    }
    res.writeHead(status, headers);
    res.end(out.subarray(split + 4));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

function decode(header: string | undefined): string {
  if (!header) return '';
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() !== 'basic') return '';
  const text = Buffer.from(value, 'base64').toString('utf8');
  return text.startsWith('x-access-token:') ? text.slice('x-access-token:'.length) : '';
}

/** The header value GitHub (and actions/checkout) use for a token. */
export function basicHeader(token: string): string {
  return `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
}
