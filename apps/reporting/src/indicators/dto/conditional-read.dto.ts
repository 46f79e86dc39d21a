/** OpenAPI of a conditional read: the `ETag` header, and 304 for a current `If-None-Match`. */
export const ETAG_HEADER = {
  ETag: {
    description: 'Changes whenever the answer may change; send it back in If-None-Match',
    // entityTag(): W/"…" around 27 characters of a base64url digest.
    schema: { type: 'string', maxLength: 31, example: 'W/"3q2-7wLw1sgcHdRiR4k1mQ"' },
  },
};

export const NOT_MODIFIED = {
  status: 304,
  description: 'Not modified: If-None-Match names the current ETag',
  headers: ETAG_HEADER,
};
