/**
 * Confluence Cloud's media service, as the REST download endpoint meets it: Cloud answers
 * `GET /wiki/rest/api/content/{id}/child/attachment/{attId}/download` with a 302 to a signed URL on
 * another host (api.media.atlassian.com), which serves the bytes without Confluence credentials. This
 * is that other host: a second server on 127.0.0.1 with its own port, so its origin differs from the
 * site's. It refuses a request that carries an Authorization header, so a test fails if a client sends
 * the site's credentials to another origin.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MediaFile {
  data: Buffer;
  mediaType: string;
  filename: string;
}

export class MediaHost {
  private readonly files = new Map<string, MediaFile>();
  private server: Server | null = null;
  private origin = '';
  /** Requests refused because they carried credentials (a test asserts none). */
  credentialLeaks = 0;

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const match = /^\/file\/([0-9a-f-]+)\/binary(?:\?|$)/.exec(req.url ?? '');
      if (req.headers.authorization !== undefined) {
        this.credentialLeaks += 1;
        res.writeHead(400, { 'Content-Type': 'text/plain' });
        res.end('The media host takes a signed URL, never Confluence credentials.');
        return;
      }
      const file = match && req.method === 'GET' ? this.files.get(match[1]!) : undefined;
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('No such file.');
        return;
      }
      res.writeHead(200, {
        'Content-Type': file.mediaType,
        'Content-Length': file.data.length,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      });
      res.end(file.data);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** A signed, single-file URL for these bytes (what Cloud's 302 points at). */
  publish(file: MediaFile): string {
    const id = randomUUID();
    this.files.set(id, file);
    return `${this.origin}/file/${id}/binary?token=${randomUUID().replace(/-/g, '')}&client=emulator`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.files.clear();
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
