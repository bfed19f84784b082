import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { parseMultipart } from './multipart.js';

async function encode(form: FormData): Promise<{ body: Buffer; type: string }> {
  const req = new Request('http://x/', { method: 'POST', body: form });
  return { body: Buffer.from(await req.arrayBuffer()), type: req.headers.get('content-type') ?? '' };
}

describe('multipart parser', () => {
  it('reads what fetch/FormData sends: files with names and types, text fields', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array([0, 13, 10, 45, 45, 255])], { type: 'image/png' }),
      'ünï "q".png',
    );
    form.append('comment', 'a comment\r\nwith a line break');
    form.append('minorEdit', 'true');
    const { body, type } = await encode(form);
    const parts = parseMultipart(body, type);
    expect(parts.map((p) => p.name)).toEqual(['file', 'comment', 'minorEdit']);
    expect(parts[0]).toMatchObject({ filename: 'ünï "q".png', contentType: 'image/png' });
    expect(new Uint8Array(parts[0]!.data)).toEqual(new Uint8Array([0, 13, 10, 45, 45, 255]));
    expect(parts[1]?.data.toString()).toBe('a comment\r\nwith a line break');
  });

  it('reads a hand-written body with a quoted boundary (curl style)', () => {
    const body = Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="example.txt"\r\n\r\nhello\r\n--XyZ--\r\n',
    );
    const [part] = parseMultipart(body, 'multipart/form-data; boundary="XyZ"');
    expect(part).toMatchObject({ name: 'file', filename: 'example.txt' });
    expect(part?.data.toString()).toBe('hello');
  });

  it('refuses a non-multipart request (415) and a truncated body (400)', () => {
    expect(() => parseMultipart(Buffer.from('{}'), 'application/json')).toThrow(ApiError);
    try {
      parseMultipart(
        Buffer.from('--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nno end'),
        'multipart/form-data; boundary=b',
      );
      expect.fail('accepted');
    } catch (error) {
      expect((error as ApiError).status).toBe(400);
    }
  });
});
