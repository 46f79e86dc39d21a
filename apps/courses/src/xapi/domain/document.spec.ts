import { type XapiDocument, checkPreconditions, mergeDocument } from './document';
import { XapiBadRequestError, XapiConflictError, XapiPreconditionFailedError } from './xapi.errors';

const doc = (content: object): XapiDocument => ({
  content: Buffer.from(JSON.stringify(content)),
  contentType: 'application/json',
  etag: '"abc"',
  updated: new Date('2025-10-01T00:00:00Z'),
});

describe(checkPreconditions.name, () => {
  it('lets a matching If-Match through and refuses a stale one with 412', () => {
    expect(() =>
      checkPreconditions(doc({}), { ifMatch: '"abc"' }, { method: 'PUT', kind: 'state' }),
    ).not.toThrow();
    expect(() => checkPreconditions(doc({}), { ifMatch: '"old"' }, { method: 'PUT', kind: 'state' })).toThrow(
      XapiPreconditionFailedError,
    );
    expect(() =>
      checkPreconditions(doc({}), { ifNoneMatch: '*' }, { method: 'PUT', kind: 'agent-profile' }),
    ).toThrow(XapiPreconditionFailedError);
  });

  it('refuses an unconditional PUT of a profile: 409 over a document, 400 without one', () => {
    expect(() => checkPreconditions(doc({}), {}, { method: 'PUT', kind: 'activity-profile' })).toThrow(
      XapiConflictError,
    );
    expect(() => checkPreconditions(null, {}, { method: 'PUT', kind: 'activity-profile' })).toThrow(
      XapiBadRequestError,
    );
    expect(() => checkPreconditions(doc({}), {}, { method: 'PUT', kind: 'state' })).not.toThrow();
  });
});

describe(mergeDocument.name, () => {
  it('writes the top-level properties of the body over the stored JSON object', () => {
    const merged = mergeDocument(
      doc({ a: 1, b: { x: 1 } }),
      Buffer.from('{"b":{"y":2},"c":3}'),
      'application/json',
    );
    expect(JSON.parse(merged.content.toString())).toEqual({ a: 1, b: { y: 2 }, c: 3 });
  });

  it('refuses to merge what is not a JSON object', () => {
    expect(() => mergeDocument(doc({}), Buffer.from('[1]'), 'application/json')).toThrow(XapiBadRequestError);
    expect(() => mergeDocument(null, Buffer.from('x'), 'text/plain')).toThrow(XapiBadRequestError);
  });
});
