import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, type ElementNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { createConversionEditor } from '../../../shared/lexical/conversion-editor';
import { $findMatches, $replaceAll, $replaceMatch } from './find-matches';

/** "Cats and cat" (heading); "The cat" + bold "ca" + "t nap" + link "cat"; "ca" line break "t"; a nested list. */
function sampleEditor(): LexicalEditor {
  const editor = createConversionEditor();
  editor.update(
    () => {
      const paragraph = $createParagraphNode().append(
        $createTextNode('The cat '),
        $createTextNode('ca').toggleFormat('bold'),
        $createTextNode('t nap '),
        $createLinkNode('https://example.com').append($createTextNode('cat')),
      );
      const broken = $createParagraphNode().append($createTextNode('ca'), $createLineBreakNode(), $createTextNode('t'));
      const inner = $createListNode('bullet').append($createListItemNode().append($createTextNode('inner cat')));
      const list = $createListNode('bullet').append(
        $createListItemNode().append($createTextNode('outer cat')),
        $createListItemNode().append(inner),
      );
      $getRoot().append($createHeadingNode('h1').append($createTextNode('Cats and cat')), paragraph, broken, list);
    },
    { discrete: true },
  );
  return editor;
}

const texts = (editor: LexicalEditor) => editor.getEditorState().read(() => $getRoot().getTextContent());

describe('find and replace', () => {
  it('finds every occurrence within a block, across formats and into links, but not across a line break', () => {
    const editor = sampleEditor();
    const found = editor.getEditorState().read(() => $findMatches('cat', { matchCase: false }));
    expect(found).toHaveLength(7);
    // "ca" bold + "t" plain: one match over two text nodes.
    expect(found[3]?.segments.map(({ start, end }) => [start, end])).toEqual([[0, 2], [0, 1]]);
    expect(editor.getEditorState().read(() => $findMatches('cat', { matchCase: true }))).toHaveLength(6);
    expect(editor.getEditorState().read(() => $findMatches('', { matchCase: false }))).toEqual([]);
    expect(editor.getEditorState().read(() => $findMatches('a.d', { matchCase: false }))).toEqual([]);
  });

  it('replaces one match, or all of them at once', () => {
    const editor = sampleEditor();
    editor.update(() => $replaceMatch($findMatches('cat', { matchCase: true })[1]!, 'dog'), { discrete: true });
    expect(texts(editor)).toContain('The dog cat nap cat');
    editor.update(() => $replaceAll($findMatches('cat', { matchCase: false }), 'owl'), { discrete: true });
    expect(texts(editor)).toBe('owls and owl\n\nThe dog owl nap owl\n\nca\nt\n\nouter owl\n\ninner owl');
    expect(editor.getEditorState().read(() => $findMatches('cat', { matchCase: false }))).toEqual([]);
  });

  it('keeps a replaced first or last word of a link inside the link, and a match over two formats in the first one', () => {
    const editor = createConversionEditor();
    editor.update(
      () => {
        const link = $createLinkNode('https://cat.example').append($createTextNode('cat guide here'));
        $getRoot().append($createParagraphNode().append($createTextNode('Read the '), link, $createTextNode(' today.')));
      },
      { discrete: true },
    );
    editor.update(() => $replaceMatch($findMatches('cat', { matchCase: true })[0]!, 'dog'), { discrete: true });
    editor.update(() => $replaceMatch($findMatches('here', { matchCase: true })[0]!, 'now'), { discrete: true });
    const linkText = () => editor.getEditorState().read(() => $getRoot().getFirstChildOrThrow<ElementNode>().getChildAtIndex<ElementNode>(1)!.getTextContent());
    expect(linkText()).toBe('dog guide now');
    expect(texts(editor)).toBe('Read the dog guide now today.');

    const formatted = sampleEditor();
    formatted.update(() => $replaceMatch($findMatches('cat', { matchCase: true })[2]!, 'dog'), { discrete: true });
    const bold = formatted.getEditorState().read(() => $getRoot().getAllTextNodes().filter((node) => node.hasFormat('bold')).map((node) => node.getTextContent()));
    expect(bold).toEqual(['dog']);
    expect(texts(formatted)).toContain('The cat dog nap cat');
  });

  it('skips a match whose text someone else changed since it was found', () => {
    const editor = sampleEditor();
    const [match] = editor.getEditorState().read(() => $findMatches('Cats and', { matchCase: true }));
    editor.update(() => $getRoot().getAllTextNodes()[0]!.setTextContent('Cats'), { discrete: true });
    editor.update(() => $replaceMatch(match!, 'Dogs and'), { discrete: true });
    expect(texts(editor).startsWith('Cats\n\nThe cat')).toBe(true);
  });
});
