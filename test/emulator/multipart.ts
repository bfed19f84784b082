/** A small multipart/form-data parser (RFC 7578) for attachment uploads. */
import { ApiError } from './api-error.js';

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

function boundaryOf(contentType: string | undefined): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!contentType?.toLowerCase().startsWith('multipart/form-data') || !boundary) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Expected a multipart/form-data request with a boundary',
    );
  }
  return boundary;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function dispositionParam(disposition: string, name: string): string | undefined {
  const star = new RegExp(`${name}\\*=(?:UTF-8'')?([^;]+)`, 'i').exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1].trim());
  const plain = new RegExp(`${name}="((?:[^"\\\\]|\\\\.)*)"|${name}=([^;]+)`, 'i').exec(disposition);
  const value = plain?.[1] ?? plain?.[2]?.trim();
  return value?.replace(/\\(.)/g, '$1');
}

/** fetch/browsers send `"`, CR and LF in a file name as %22, %0D, %0A (HTML form encoding). */
function decodeFormEscapes(name: string | undefined): string | undefined {
  return name?.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

export function parseMultipart(body: Buffer, contentType: string | undefined): FormPart[] {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new ApiError(400, 'BAD_REQUEST', 'Malformed multipart body: no boundary found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break; // closing delimiter
    if (body.subarray(pos, pos + 2).toString() !== '\r\n')
      throw new ApiError(400, 'BAD_REQUEST', 'Malformed multipart body');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0)
      throw new ApiError(400, 'BAD_REQUEST', 'Malformed multipart body: part without headers');
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new ApiError(400, 'BAD_REQUEST', 'Malformed multipart body: unterminated part');
    const disposition = headers['content-disposition'] ?? '';
    const name = dispositionParam(disposition, 'name');
    if (name !== undefined) {
      parts.push({
        name,
        filename: decodeFormEscapes(dispositionParam(disposition, 'filename')),
        contentType: headers['content-type'],
        data: body.subarray(headerEnd + 4, next),
      });
    }
    pos = next + 2;
  }
  return parts;
}
