// @vitest-environment happy-dom
import { act, createElement, useRef, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCEMENT_KEPT_MS, ANNOUNCER_ID, announce, spokenTextOf, useAnnouncedText } from './announce';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function announcer(): HTMLElement {
  return document.getElementById(ANNOUNCER_ID)!;
}

beforeEach(() => {
  document.body.innerHTML = `<div id="${ANNOUNCER_ID}" role="status"></div><div id="root"></div>`;
});

describe('announce', () => {
  afterEach(() => vi.useRealTimers());

  it('puts the words in the region, makes the same words again a change, and clears them after a while', () => {
    vi.useFakeTimers();
    announce('beach.png was not added.');
    expect(announcer().textContent).toBe('beach.png was not added.');
    announce('beach.png was not added.');
    expect(announcer().textContent).toBe('beach.png was not added.\u00a0');
    announce('beach.png was not added.');
    expect(announcer().textContent).toBe('beach.png was not added.');
    vi.advanceTimersByTime(ANNOUNCEMENT_KEPT_MS - 1);
    expect(announcer().textContent).toBe('beach.png was not added.');
    vi.advanceTimersByTime(1);
    expect(announcer().textContent).toBe('');
  });

  it('does nothing on a page without the region', () => {
    announcer().remove();
    expect(() => announce('Content replaced.')).not.toThrow();
  });
});

describe('spokenTextOf', () => {
  it("reads the element's words as one line, without its buttons' labels or what is aria-hidden", () => {
    const element = document.createElement('p');
    element.innerHTML = '<strong>Content replaced.</strong>\n  Ann restored “v1”. <button>Undo</button><span aria-hidden="true">↩</span> <button>×</button>';
    expect(spokenTextOf(element)).toBe('Content replaced. Ann restored “v1”.');
  });
});

describe('useAnnouncedText', () => {
  let root: Root;
  beforeEach(() => {
    root = createRoot(document.getElementById('root')!);
  });
  afterEach(() => act(() => root.unmount()));

  function Notice({ text }: { text: string | null }): ReactNode {
    const ref = useRef<HTMLParagraphElement>(null);
    useAnnouncedText(ref);
    return text === null ? null : createElement('p', { ref }, text, createElement('button', null, 'Dismiss'));
  }
  const show = (text: string | null) => act(() => root.render(createElement(Notice, { text })));

  it('announces a notice when it appears, when its words change, and again when it comes back', () => {
    show(null);
    expect(announcer().textContent).toBe('');
    show('beach.png was not added.');
    expect(announcer().textContent).toBe('beach.png was not added.');
    announcer().textContent = 'something else said meanwhile';
    // Rendered again with the same words: not news.
    show('beach.png was not added.');
    expect(announcer().textContent).toBe('something else said meanwhile');
    show('The link was not added.');
    expect(announcer().textContent).toBe('The link was not added.');
    show(null);
    show('The link was not added.');
    expect(announcer().textContent).toBe('The link was not added.\u00a0');
  });
});
