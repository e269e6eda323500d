// The build plugins' own logic: which files get compressed copies (and that they decode to the file), which chunk
// document pages preload, and the inline script that does it.
import { runInNewContext } from 'node:vm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressedCopies, isCompressible } from './compress-assets';
import { chunkUrlOf, preloadScript } from './preload-editor-chunk';

describe('compress-assets', () => {
  it('compresses scripts and styles of 1 kB or more, not source maps, images or small files', () => {
    expect(isCompressible('assets/editor-screen-Ab12.js', 553_325)).toBe(true);
    expect(isCompressible('assets/index-Cd34.css', 23_793)).toBe(true);
    expect(isCompressible('assets/editor-screen-Ab12.js.map', 2_267_844)).toBe(false);
    expect(isCompressible('assets/logo-Ef56.png', 40_000)).toBe(false);
    expect(isCompressible('assets/tiny-Gh78.js', 500)).toBe(false);
  });

  it('makes Brotli and gzip copies that decode to the file', async () => {
    const content = Buffer.from('const words = ["alpha", "beta", "gamma"];\n'.repeat(200));
    const { br, gz } = await compressedCopies(content);
    expect(brotliDecompressSync(br).equals(content)).toBe(true);
    expect(gunzipSync(gz).equals(content)).toBe(true);
    expect(br.byteLength).toBeLessThan(content.byteLength / 10);
  });
});

describe('preload-editor-chunk', () => {
  const bundle = {
    'assets/index-Aa11.js': { type: 'chunk', fileName: 'assets/index-Aa11.js', facadeModuleId: '/repo/client/src/main.tsx' },
    'assets/editor-screen-Bb22.js': { type: 'chunk', fileName: 'assets/editor-screen-Bb22.js', facadeModuleId: '/repo/client/src/editor/editor-screen.tsx' },
    'assets/index-Cc33.css': { type: 'asset', fileName: 'assets/index-Cc33.css' },
  } as unknown as Parameters<typeof chunkUrlOf>[0];

  it('finds the built file of the lazily imported module', () => {
    expect(chunkUrlOf(bundle, 'editor/editor-screen.tsx')).toBe('/assets/editor-screen-Bb22.js');
  });

  it('fails the build when that module is no chunk of its own', () => {
    expect(() => chunkUrlOf(bundle, 'editor/missing.tsx')).toThrow('the build has no chunk for editor/missing.tsx');
  });

  it('adds the modulepreload link on document addresses only', () => {
    const script = preloadScript('/assets/editor-screen-Bb22.js', '/d/');
    for (const [pathname, expected] of [['/d/meeting-notes', 1], ['/', 0], ['/docs/d/x', 0]] as const) {
      const appended: Array<Record<string, string>> = [];
      const document = { createElement: () => ({}), head: { append: (link: Record<string, string>) => appended.push(link) } };
      runInNewContext(script, { location: { pathname }, document });
      expect(appended).toHaveLength(expected);
      if (expected) expect(appended[0]).toEqual({ rel: 'modulepreload', crossOrigin: '', href: '/assets/editor-screen-Bb22.js' });
    }
  });
});
