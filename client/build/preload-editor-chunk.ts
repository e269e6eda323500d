// A Vite build plugin: document pages start loading the editor's chunk while the app's own script loads. The editor
// (Lexical, Yjs) is a lazy chunk, so the document list stays light; but a document page asked for it only once the
// app's script had run and React had rendered (170 ms on a 2-core VM), so the two loaded one after the other. A small
// inline script in index.html now adds a modulepreload link for it on document addresses, and the lazy import then
// finds the module already fetched (same URL).
import type { IndexHtmlTransformContext, Plugin } from 'vite';

export interface PreloadEditorChunkOptions {
  /** The lazily imported module, as its path ends (e.g. `editor/editor-screen.tsx`). */
  readonly entry: string;
  /** Addresses that show that module (document pages: `/d/`). */
  readonly routePrefix: string;
}

/** The inline script for index.html: on `routePrefix` addresses, a modulepreload link to `href`. */
export function preloadScript(href: string, routePrefix: string): string {
  return [
    `if (location.pathname.startsWith(${JSON.stringify(routePrefix)})) {`,
    `  const link = document.createElement('link');`,
    `  link.rel = 'modulepreload';`,
    `  link.crossOrigin = '';`,
    `  link.href = ${JSON.stringify(href)};`,
    `  document.head.append(link);`,
    `}`,
  ].join('\n');
}

/** The built file of `entry` in `bundle`, as a root-relative URL; throws when the build has none. */
export function chunkUrlOf(bundle: IndexHtmlTransformContext['bundle'], entry: string, base = '/'): string {
  const chunk = Object.values(bundle ?? {}).find((output) => output.type === 'chunk' && output.facadeModuleId?.endsWith(entry));
  if (chunk === undefined) throw new Error(`preload-editor-chunk: the build has no chunk for ${entry}`);
  return `${base}${chunk.fileName}`;
}

export function preloadEditorChunk({ entry, routePrefix }: PreloadEditorChunkOptions): Plugin {
  return {
    name: 'tandem:preload-editor-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) => [
        { tag: 'script', children: preloadScript(chunkUrlOf(context.bundle, entry), routePrefix), injectTo: 'head' },
      ],
    },
  };
}
