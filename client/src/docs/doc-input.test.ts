import { describe, expect, it } from 'vitest';
import { readDocInput } from './doc-input';

/** The origin of the home page the Open box is on. */
const here = 'http://host:8787';

describe('readDocInput', () => {
  it('takes a typed name as it is, trimmed', () => {
    expect(readDocInput('  brave-otter-7f3k2q ', here)).toEqual({ rawName: 'brave-otter-7f3k2q', query: '', elsewhere: null });
  });

  it('takes the name from a pasted link and keeps its display name, token and token URL', () => {
    const nameAndQuery = (input: string) => {
      const { rawName, query } = readDocInput(input, here);
      return { rawName, query };
    };
    expect(nameAndQuery('http://host:8787/d/trip-notes?name=Zed')).toEqual({ rawName: 'trip-notes', query: 'name=Zed' });
    expect(nameAndQuery('https://host/d/a%2Eb/?utm=x&name=Zed%20Z&token=e.y.j#top')).toEqual({ rawName: 'a.b', query: 'name=Zed%20Z&token=e.y.j' });
    expect(nameAndQuery('https://host/d/notes?tokenUrl=%2Ft&utm=x')).toEqual({ rawName: 'notes', query: 'tokenUrl=%2Ft' });
    expect(nameAndQuery('https://host/d/notes#x?name=Zed')).toEqual({ rawName: 'notes', query: '' });
  });

  it('opens a link to another server there, with everything it carries, and a link to this one here', () => {
    expect(readDocInput(' https://other.example/d/trip-notes?name=Zed&token=e.y.j ', here)).toEqual({
      rawName: 'trip-notes',
      query: 'name=Zed&token=e.y.j',
      elsewhere: 'https://other.example/d/trip-notes?name=Zed&token=e.y.j',
    });
    expect(readDocInput('http://host:9999/d/notes', here).elsewhere).toBe('http://host:9999/d/notes');
    expect(readDocInput('http://HOST:8787/d/notes', here).elsewhere).toBeNull();
    expect(readDocInput('/d/notes', here).elsewhere).toBeNull();
    expect(readDocInput('javascript:alert(1)//d/notes', here).elsewhere).toBeNull();
  });

  it('reads a link copied without its scheme, or pasted with words around it', () => {
    expect(readDocInput('other.example/d/trip-notes?name=Zed', here)).toEqual({
      rawName: 'trip-notes',
      query: 'name=Zed',
      elsewhere: 'http://other.example/d/trip-notes?name=Zed',
    });
    expect(readDocInput('host:8787/d/notes', here)).toEqual({ rawName: 'notes', query: '', elsewhere: null });
    expect(readDocInput('localhost:8787/d/notes', 'https://host').elsewhere).toBe('https://localhost:8787/d/notes');
    expect(readDocInput('The notes: <https://other.example/d/notes>, see you', here)).toEqual({
      rawName: 'notes',
      query: '',
      elsewhere: 'https://other.example/d/notes',
    });
    expect(readDocInput('notes for (http://host:8787/d/plan).', here)).toEqual({ rawName: 'plan', query: '', elsewhere: null });
    expect(readDocInput('two words', here).rawName).toBe('two words');
  });

  it('hands a malformed escape on as written, for the name check to refuse', () => {
    expect(readDocInput('http://host:8787/d/bad%E0', here)).toEqual({ rawName: 'bad%E0', query: '', elsewhere: null });
  });
});
