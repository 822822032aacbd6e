import { HttpError, UNSUPPORTED_MEDIA_TYPE } from '../../../http/errors';

/** The two OTLP/HTTP encodings. */
export type OtlpEncoding = 'json' | 'protobuf';

/** The encoding named by a Content-Type header (parameters such as charset ignored); 415 for anything else. */
export function otlpEncoding(contentType: string | undefined): OtlpEncoding {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (media === 'application/json') return 'json';
  if (media === 'application/x-protobuf') return 'protobuf';
  const shown = media === '' ? 'no Content-Type' : `Content-Type ${JSON.stringify(media.slice(0, 60))}`;
  throw new HttpError(
    UNSUPPORTED_MEDIA_TYPE,
    `${shown} is not supported; send application/json or application/x-protobuf`,
  );
}
