// A code block never holds another code block. Pasting the usual shape of code from GitHub or documentation sites,
// <pre><code>…</code></pre>, made Lexical import both elements as code blocks, one inside the other: a box in a box,
// with the text twice padded. The inner block's lines are moved up into the outer one.
import { CodeNode, $isCodeNode } from '@lexical/code';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $unwrapNode } from '@lexical/utils';
import { useEffect } from 'react';

export function FlatCodePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerNodeTransform(CodeNode, (code) => {
        for (const child of code.getChildren()) if ($isCodeNode(child)) $unwrapNode(child);
      }),
    [editor],
  );
  return null;
}
