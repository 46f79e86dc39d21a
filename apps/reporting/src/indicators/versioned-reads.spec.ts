import { VersionedReads } from './versioned-reads';

/** A computation the test finishes by hand, recording when it started. */
function computations() {
  const started: { label: string; finish: (value: string) => void; fail: (error: Error) => void }[] = [];
  const compute = (label: string) => () =>
    new Promise<string>((finish, fail) => started.push({ label, finish, fail }));
  return { started, compute };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(VersionedReads.name, () => {
  it('computes once for reads of the same version, and keeps the answer for them', async () => {
    const reads = new VersionedReads<string>(10);
    const { started, compute } = computations();
    const first = reads.read('k', '5', compute('a'));
    const second = reads.read('k', '5', compute('b'));
    started[0].finish('at 5');

    expect(await Promise.all([first, second])).toEqual(['at 5', 'at 5']);
    expect(await reads.read('k', '4', compute('c'))).toBe('at 5');
    expect(started.map((s) => s.label)).toEqual(['a']);
  });

  it('makes reads of a newer version wait for the running computation and share one new one', async () => {
    const reads = new VersionedReads<string>(10);
    const { started, compute } = computations();
    const old = reads.read('k', '1', compute('v1'));
    const newer = [reads.read('k', '2', compute('v2')), reads.read('k', '3', compute('v3'))];
    await settle();
    // The second computation starts only after the first is done: never two at once for one key.
    expect(started.map((s) => s.label)).toEqual(['v1']);

    started[0].finish('at 1');
    expect(await old).toBe('at 1');
    await settle();
    expect(started.map((s) => s.label)).toEqual(['v1', 'v2']);
    started[1].finish('at 3');

    expect(await Promise.all(newer)).toEqual(['at 3', 'at 3']);
    // Kept under the newest version its readers were promised.
    expect(await reads.read('k', '3', compute('again'))).toBe('at 3');
    expect(started).toHaveLength(2);
  });

  it('fails only the reads that shared a failed computation', async () => {
    const reads = new VersionedReads<string>(10);
    const { started, compute } = computations();
    const failing = reads.read('k', '1', compute('bad'));
    started[0].fail(new Error('database away'));

    await expect(failing).rejects.toThrow('database away');
    const retried = reads.read('k', '1', compute('good'));
    started[1].finish('at 1');
    expect(await retried).toBe('at 1');
  });

  it('keeps at most maxEntries answers, the least recently computed going first', async () => {
    const reads = new VersionedReads<string>(2);
    const { started, compute } = computations();
    for (const key of ['a', 'b', 'c']) {
      const read = reads.read(key, '1', compute(key));
      started[started.length - 1].finish(key);
      await read;
    }
    await settle();
    void reads.read('a', '1', compute('a again'));
    void reads.read('c', '1', compute('c again'));

    expect(started.map((s) => s.label)).toEqual(['a', 'b', 'c', 'a again']);
  });
});
