// Line icons for the toolbar buttons that have no good letter: drawn on a 20×20 grid with currentColor strokes.
import type { ReactNode } from 'react';

/** One line icon on the 20×20 grid; the header's action buttons draw theirs with it too (action-icons.tsx). */
export function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

export const toolbarIcons = {
  find: (
    <Icon>
      <circle cx="8.5" cy="8.5" r="4.8" />
      <path d="m12.2 12.2 4.3 4.3" />
    </Icon>
  ),
  highlight: (
    <Icon>
      <path d="m11.5 4.5 4 4-6 6H6.5v-3z" />
      <path d="M3.5 17h13" />
    </Icon>
  ),
  'align-left': (
    <Icon>
      <path d="M3.5 5h13M3.5 8.3h8.5M3.5 11.7h13M3.5 15h8.5" />
    </Icon>
  ),
  'align-center': (
    <Icon>
      <path d="M3.5 5h13M5.8 8.3h8.4M3.5 11.7h13M5.8 15h8.4" />
    </Icon>
  ),
  'align-right': (
    <Icon>
      <path d="M3.5 5h13M8 8.3h8.5M3.5 11.7h13M8 15h8.5" />
    </Icon>
  ),
  'align-justify': (
    <Icon>
      <path d="M3.5 5h13M3.5 8.3h13M3.5 11.7h13M3.5 15h13" />
    </Icon>
  ),
  keyboard: (
    <Icon>
      <rect x="2.5" y="5.5" width="15" height="9.5" rx="1.8" />
      <path d="M5.5 8.5h.01M8.5 8.5h.01M11.5 8.5h.01M14.5 8.5h.01M5.5 11.8h.01M14.5 11.8h.01M8 11.8h4" />
    </Icon>
  ),
  undo: (
    <Icon>
      <path d="M7.5 5 4 8.5 7.5 12" />
      <path d="M4.5 8.5h7a4.5 4.5 0 0 1 0 9H9" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="M12.5 5 16 8.5 12.5 12" />
      <path d="M15.5 8.5h-7a4.5 4.5 0 0 0 0 9H11" />
    </Icon>
  ),
  link: (
    <Icon>
      <path d="M8.5 11.5a3.2 3.2 0 0 0 4.6.2l2.6-2.6a3.2 3.2 0 0 0-4.5-4.5l-1.1 1.1" />
      <path d="M11.5 8.5a3.2 3.2 0 0 0-4.6-.2l-2.6 2.6a3.2 3.2 0 0 0 4.5 4.5l1.1-1.1" />
    </Icon>
  ),
  bullet: (
    <Icon>
      <circle cx="4.5" cy="5.5" r=".9" fill="currentColor" />
      <circle cx="4.5" cy="10" r=".9" fill="currentColor" />
      <circle cx="4.5" cy="14.5" r=".9" fill="currentColor" />
      <path d="M8 5.5h9M8 10h9M8 14.5h9" />
    </Icon>
  ),
  number: (
    <Icon>
      <path d="M3.5 4.2 4.8 3.5v4M3.5 7.5h2.6" strokeWidth="1.3" />
      <path d="M3.4 12.2c.3-.7 2.4-.9 2.4.4 0 1-2.4 1.9-2.4 3h2.6" strokeWidth="1.3" />
      <path d="M8.5 5.5h8.5M8.5 14.5h8.5" />
    </Icon>
  ),
  check: (
    <Icon>
      <rect x="3" y="3.5" width="5" height="5" rx="1.2" />
      <path d="m4.3 6 1 1 1.6-1.8" strokeWidth="1.4" />
      <rect x="3" y="11.5" width="5" height="5" rx="1.2" />
      <path d="M11 6h6M11 14h6" />
    </Icon>
  ),
  outdent: (
    <Icon>
      <path d="M3 4.5h14M9 8.5h8M9 12h8M3 16h14" />
      <path d="M6 8 3.5 10.2 6 12.4" />
    </Icon>
  ),
  indent: (
    <Icon>
      <path d="M3 4.5h14M9 8.5h8M9 12h8M3 16h14" />
      <path d="M3.5 8 6 10.2 3.5 12.4" />
    </Icon>
  ),
  quote: (
    <Icon>
      <path d="M4 5v10" strokeWidth="2.2" />
      <path d="M8 7h9M8 10.5h9M8 14h6" />
    </Icon>
  ),
  codeblock: (
    <Icon>
      <rect x="2.5" y="3.5" width="15" height="13" rx="2" />
      <path d="m7.5 8-2 2 2 2M12.5 8l2 2-2 2" />
    </Icon>
  ),
  code: (
    <Icon>
      <path d="m7 6-4 4 4 4M13 6l4 4-4 4" />
    </Icon>
  ),
  more: (
    <Icon>
      <path d="M4.5 10h.01M10 10h.01M15.5 10h.01" strokeWidth="2.6" />
    </Icon>
  ),
} as const;
