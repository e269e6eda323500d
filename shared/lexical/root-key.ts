// Its own module so code that only moves Yjs content (replace-root.ts) names the root without loading Lexical.

/** The Y.Doc shared-type key that @lexical/yjs binds the editor root to (CollaborationPlugin's default). */
export const LEXICAL_ROOT_KEY = 'root';
