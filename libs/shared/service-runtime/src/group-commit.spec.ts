import { GroupCommit } from './group-commit';

describe(GroupCommit.name, () => {
  it('gathers concurrent calls into one group and answers each with its own result', async () => {
    const groups: number[][] = [];
    const commit = new GroupCommit<number, number>(
      async (items) => {
        groups.push(items);
        return items.map((i) => i * 10);
      },
      { maxWaitMs: 5, maxItems: 100, maxConcurrent: 1 },
    );
    expect(await Promise.all([1, 2, 3].map((i) => commit.submit(i)))).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('splits at maxItems, and lets items gather while a group commits', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const firstDone = new Promise<void>((r) => (release = r));
    const commit = new GroupCommit<number, number>(
      async (items) => {
        groups.push(items);
        if (groups.length === 1) await firstDone;
        return items;
      },
      { maxWaitMs: 1, maxItems: 2, maxConcurrent: 1 },
    );
    const calls = [1, 2, 3, 4, 5].map((i) => commit.submit(i));
    await new Promise((r) => setTimeout(r, 10));
    expect(groups).toEqual([[1, 2]]);
    release();
    expect(await Promise.all(calls)).toEqual([1, 2, 3, 4, 5]);
    expect(groups).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails only the bad item of a failing group', async () => {
    const commit = new GroupCommit<number, number>(
      async (items) => {
        if (items.includes(2)) throw new Error('bad item 2');
        return items;
      },
      { maxWaitMs: 5, maxItems: 100, maxConcurrent: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((i) => commit.submit(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
