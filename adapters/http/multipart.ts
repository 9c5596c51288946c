import type { Context } from 'koa';
import { imageTooLarge, MAX_IMAGE_BYTES, noFileUploaded } from '../../domain/shared/images';

/** Room for the part headers and boundaries around a file of the maximum size. */
const ENVELOPE_BYTES = 64 * 1024;

const boundaryOf = (contentType: string): string | null => {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
};

/** Reads the raw body, refusing (413) as soon as it passes `limit` bytes. */
const readBody = async (ctx: Context, limit: number): Promise<Buffer> => {
  const declared = Number(ctx.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw imageTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw imageTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

/** The value of `name="..."` (or `filename="..."`) in a Content-Disposition header. */
const dispositionParam = (headers: string, param: string): string | null => {
  const line = headers.split('\r\n').find((h) => /^content-disposition\s*:/i.test(h));
  if (line === undefined) return null;
  const match = new RegExp(`;\\s*${param}="([^"]*)"`, 'i').exec(line);
  return match?.[1] ?? null;
};

/**
 * The one file of a `multipart/form-data` upload (API-CONTRACT.md §1.3): the bytes of the part named `field` that
 * carries a filename. Its declared type is ignored (the use-case sniffs the content). A request that is not
 * multipart or holds no such file is `400 No file uploaded`; a body past 5 MB (plus the multipart envelope), or
 * a file past 5 MB, is 413.
 */
export const readUploadedFile = async (ctx: Context, field: string): Promise<Uint8Array> => {
  const boundary = boundaryOf(ctx.get('content-type'));
  if (boundary === null) throw noFileUploaded();
  const body = await readBody(ctx, MAX_IMAGE_BYTES + ENVELOPE_BYTES);
  const delimiter = Buffer.from(`--${boundary}`);
  let cursor = body.indexOf(delimiter);
  while (cursor !== -1) {
    const partStart = cursor + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString('latin1') === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', partStart);
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), partStart);
    if (headerEnd === -1 || next === -1 || headerEnd > next) break;
    const headers = body.subarray(partStart, headerEnd).toString('utf8');
    if (dispositionParam(headers, 'name') === field && dispositionParam(headers, 'filename') !== null) {
      const file = body.subarray(headerEnd + 4, next);
      if (file.length === 0) throw noFileUploaded();
      if (file.length > MAX_IMAGE_BYTES) throw imageTooLarge();
      return new Uint8Array(file);
    }
    cursor = next + 2;
  }
  throw noFileUploaded();
};
