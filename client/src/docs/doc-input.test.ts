import { describe, expect, it } from 'vitest';
import { readDocInput } from './doc-input';

describe('readDocInput', () => {
  it('takes a typed name as it is, trimmed', () => {
    expect(readDocInput('  brave-otter-7f3k2q ')).toEqual({ rawName: 'brave-otter-7f3k2q', query: '' });
  });

  it('takes the name from a pasted link and keeps its display name, token and token URL', () => {
    expect(readDocInput('http://host:8787/d/trip-notes?name=Zed')).toEqual({ rawName: 'trip-notes', query: 'name=Zed' });
    expect(readDocInput('https://host/d/a%2Eb/?utm=x&name=Zed%20Z&token=e.y.j#top')).toEqual({ rawName: 'a.b', query: 'name=Zed%20Z&token=e.y.j' });
    expect(readDocInput('https://host/d/notes?tokenUrl=%2Ft&utm=x')).toEqual({ rawName: 'notes', query: 'tokenUrl=%2Ft' });
    expect(readDocInput('https://host/d/notes#x?name=Zed')).toEqual({ rawName: 'notes', query: '' });
  });

  it('hands a malformed escape on as written, for the name check to refuse', () => {
    expect(readDocInput('https://host/d/bad%E0')).toEqual({ rawName: 'bad%E0', query: '' });
  });
});
