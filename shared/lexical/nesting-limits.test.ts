// Imports nested past the limits are refused at once, naming how deep they nest and where, in every import format;
// what the editor and real outlines nest still imports. markdownListLevels agrees with @lexical/markdown's own reading.
import type { SerializedEditorState, SerializedLexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ConversionError } from './conversion-error';
import { markdownListLevels } from './markdown-list-levels';
import { markdownToEditorState } from './markdown-to-editor-state';
import { MAX_LIST_LEVELS } from './nesting-limits';
import { contentUpdate, contentUpdateFromYjs } from './replace-doc-content';
import { createSeedUpdate } from './seed';

/** The most lists on one path of `state`, as the importer built it. */
function listLevelsOf(state: SerializedEditorState): number {
  const deepest = (node: SerializedLexicalNode): number => {
    const children = (node as { children?: SerializedLexicalNode[] }).children ?? [];
    return (node.type === 'list' ? 1 : 0) + Math.max(0, ...children.map(deepest));
  };
  return deepest(state.root);
}

/** A list of `levels` items, each nested under the one before by `step`. */
function nestedList(levels: number, step: string, marker = '- '): string {
  return Array.from({ length: levels }, (_, level) => `${step.repeat(level)}${marker}item ${level}`).join('\n');
}

/**
 * Lexical JSON whose one block nests `levels` deep, `wrap` giving each level around the one inside it. Written as
 * text: JSON.stringify itself recurses, and overflows on what this builds.
 */
function nestedJson(levels: number, wrap: (inner: string) => string): string {
  let node = JSON.stringify({ type: 'text', text: 'bottom', detail: 0, format: 0, mode: 'normal', style: '', version: 1 });
  for (let level = 0; level < levels; level++) node = wrap(node);
  return `{"root":{"type":"root","children":[${node}],"direction":null,"format":"","indent":0,"version":1}}`;
}

/** An element of `type` around `inner`, with `fields` (JSON text of more fields, each followed by a comma). */
const element = (type: string, inner: string, fields = '') =>
  `{"type":"${type}",${fields}"children":[${inner}],"direction":null,"format":"","indent":0,"version":1}`;
const listLevel = (inner: string) =>
  element('list', element('listitem', inner, '"value":1,'), '"listType":"bullet","start":1,"tag":"ul",');

/** A Yjs document in @lexical/yjs's layout whose one block is a list nested `levels` deep. */
function nestedYjsList(levels: number): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, createSeedUpdate());
  const root = doc.get('root', Y.XmlText);
  doc.transact(() => {
    root.delete(0, root.length);
    let parent = root;
    for (let level = 0; level < levels; level++) {
      for (const fields of [{ __type: 'list', __listType: 'bullet', __tag: 'ul', __start: 1 }, { __type: 'listitem', __value: 1 }]) {
        const child = new Y.XmlText();
        parent.insertEmbed(0, child);
        for (const [key, value] of Object.entries(fields)) child.setAttribute(key, value as never);
        parent = child;
      }
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

function refusal(convert: () => unknown): string {
  try {
    convert();
  } catch (error) {
    expect(error).toBeInstanceOf(ConversionError);
    return (error as Error).message;
  }
  throw new Error('the import was not refused');
}

describe('markdownListLevels', () => {
  it('counts the levels @lexical/markdown nests, however the lines are indented', () => {
    const samples = [
      nestedList(8, '  '),
      nestedList(8, '    '),
      nestedList(8, '\t'),
      nestedList(8, '   ', '1. '),
      nestedList(5, '  ', '- [ ] '),
      'Intro\n\n- a\n  - b\n    - c\n\nbetween\n\n- after a paragraph\n        - two levels in at once',
      '- a\n  - b\n\n  - c after a blank line\n    - d',
      '\t\t\t- tabs open three levels at once',
      'no list at all',
    ];
    for (const markdown of samples) {
      expect(markdownListLevels(markdown).levels, markdown).toBe(listLevelsOf(markdownToEditorState(markdown)));
    }
  });

  it('never counts fewer levels than @lexical/markdown nests (random indentation, seed 7)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let sample = 0; sample < 60; sample++) {
      const lines = Array.from({ length: 12 }, () => {
        const indent = Array.from({ length: Math.floor(random() * 14) }, () => (random() < 0.2 ? '\t' : ' ')).join('');
        const marker = ['- ', '1. ', '* ', '- [x] ', 'text ', ''][Math.floor(random() * 6)];
        return `${indent}${marker}x`;
      });
      const markdown = lines.join('\n');
      expect(markdownListLevels(markdown).levels, JSON.stringify(markdown)).toBeGreaterThanOrEqual(
        listLevelsOf(markdownToEditorState(markdown)),
      );
    }
  });

  it('may count more levels than @lexical/markdown nests, for a list whose indent jumps after a paragraph', () => {
    // After a paragraph the importer measures `        - x` by its spaces alone (two levels); the count cannot
    // see the paragraph between the lists and allows for one level past the list above (three).
    const markdown = '- a\n  - b\n    - c\n\nbetween\n\n        - x';
    expect(listLevelsOf(markdownToEditorState(markdown))).toBe(3);
    expect(markdownListLevels(markdown).levels).toBe(4);
  });

  it('counts list lines inside code blocks too, which the importer leaves as code', () => {
    // Safe rather than exact: a fence read differently from the importer could hide a real list from the count.
    const markdown = '```\n' + nestedList(6, '  ') + '\n```\n- after code';
    expect(listLevelsOf(markdownToEditorState(markdown))).toBe(1);
    expect(markdownListLevels(markdown).levels).toBe(6);
  });

  it('names the line that nests deepest', () => {
    expect(markdownListLevels('a\n\n- b\n  - c\n- d')).toEqual({ levels: 2, at: 'line 4' });
  });
});

describe('import nesting limits', () => {
  it(`imports lists ${MAX_LIST_LEVELS} levels deep from Markdown, JSON and Yjs`, () => {
    expect(listLevelsOf(markdownToEditorState(nestedList(MAX_LIST_LEVELS, '  ')))).toBe(MAX_LIST_LEVELS);
    expect(() => contentUpdate({ format: 'markdown', text: nestedList(MAX_LIST_LEVELS, '    ') })).not.toThrow();
    expect(() => contentUpdate({ format: 'json', state: nestedJson(MAX_LIST_LEVELS, listLevel) })).not.toThrow();
    expect(() => contentUpdateFromYjs(nestedYjsList(MAX_LIST_LEVELS))).not.toThrow();
  });

  it('refuses a Markdown list 5,000 levels deep at once, naming its depth, its line and the limit', () => {
    const message = refusal(() => contentUpdate({ format: 'markdown', text: nestedList(5_000, '  ') }));
    expect(message).toBe('the Markdown nests lists 5000 levels deep (line 5000); Tandem imports lists up to 32 levels deep');
    expect(refusal(() => contentUpdate({ format: 'markdown', text: nestedList(MAX_LIST_LEVELS + 1, '\t') }))).toContain(
      'nests lists 33 levels deep (line 33)',
    );
  });

  it('refuses JSON nested 5,000 deep, whether lists, quotes in quotes or a node\'s own fields', () => {
    expect(refusal(() => contentUpdate({ format: 'json', state: nestedJson(5_000, listLevel) }))).toMatch(
      /^the JSON nests lists 5000 levels deep \(root\.children\[0\]\.children\[0\]\.children\[0\].*…\); Tandem imports lists up to 32/,
    );
    expect(refusal(() => contentUpdate({ format: 'json', state: nestedJson(5_000, (inner) => element('quote', inner)) }))).toMatch(
      /^the JSON nests elements 5001 levels deep .*Tandem imports up to 68$/,
    );
    const deepValue = `${'['.repeat(5_000)}0${']'.repeat(5_000)}`;
    const deepField = nestedJson(1, (inner) => element('paragraph', inner, `"$":{"note":${deepValue}},`));
    expect(refusal(() => contentUpdate({ format: 'json', state: deepField }))).toMatch(/^the JSON nests values 500\d levels deep/);
  });

  it('refuses a Yjs document whose lists nest 5,000 deep, naming the block', () => {
    expect(refusal(() => contentUpdateFromYjs(nestedYjsList(5_000)))).toBe(
      'the Yjs document nests lists 5000 levels deep (top-level block 1); Tandem imports lists up to 32 levels deep',
    );
  });
});
