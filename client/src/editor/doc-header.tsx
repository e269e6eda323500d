// The editor's header row (inside the page's banner, with the toolbar: see editor-screen.tsx): home link, the document's title and name, connection and save status, who is here, and the
// document actions (share, download, history). The title is the page's h1: screen readers jump to it by heading.
import type { ReactNode } from 'react';
import { Brand } from '../brand';
import { DocTitle } from './doc-title';

export interface DocHeaderProps {
  readonly title: string | null;
  readonly docName: string;
  readonly status: ReactNode;
  readonly presence: ReactNode;
  readonly actions: ReactNode;
}

export function DocHeader({ title, docName, status, presence, actions }: DocHeaderProps) {
  return (
    <div className="doc-header">
      <div className="doc-header-start">
        <Brand compact />
        <div className="doc-heading">
          <h1 className="doc-title-heading">
            <DocTitle title={title} docName={docName} />
          </h1>
          {title !== null && (
            <span className="doc-name" title={docName}>
              {docName}
            </span>
          )}
        </div>
      </div>
      <div className="doc-header-status">{status}</div>
      <div className="doc-header-end">
        {presence}
        <div className="doc-actions">{actions}</div>
      </div>
    </div>
  );
}
