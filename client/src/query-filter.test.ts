import { describe, expect, it } from 'vitest';
import { filterQuery } from './query-filter';

describe('filterQuery', () => {
  it('keeps the accepted parameters as written, in their order, and drops the rest', () => {
    expect(filterQuery('?name=Ada+L&token=a.b_c-d&tokenUrl=%2Ft%3Fx%3D1', (param) => param !== 'name')).toBe('token=a.b_c-d&tokenUrl=%2Ft%3Fx%3D1');
    expect(filterQuery('na%6De=Ada&x=1', (param) => param !== 'name')).toBe('x=1');
    expect(filterQuery('?name=Ada', (param) => param !== 'name')).toBe('');
    expect(filterQuery('', () => true)).toBe('');
    expect(filterQuery('?&&a=1&', () => true)).toBe('a=1');
  });
});
