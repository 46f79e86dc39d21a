import { entityTag, matchesIfNoneMatch } from './entity-tag';

describe('entity tags', () => {
  it('is the same for the same parts and differs otherwise', () => {
    expect(entityTag(['7', 'a'])).toBe(entityTag(['7', 'a']));
    expect(entityTag(['8', 'a'])).not.toBe(entityTag(['7', 'a']));
    expect(entityTag(['7', 'a'])).toMatch(/^W\/"[\w-]+"$/);
  });

  it('matches If-None-Match weakly, in a list, or *', () => {
    const tag = entityTag(['7']);
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(tag.slice(2), tag)).toBe(true);
    expect(matchesIfNoneMatch(`"x", ${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch('*', tag)).toBe(true);
    expect(matchesIfNoneMatch('"x"', tag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, tag)).toBe(false);
  });
});
