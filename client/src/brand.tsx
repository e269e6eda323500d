// The Tandem wordmark, linking home; shared by the document list and the editor header.
export function Brand({ compact = false }: { compact?: boolean }) {
  return (
    <a className={compact ? 'brand brand-compact' : 'brand'} href="/" title="All documents">
      <span className="brand-mark" aria-hidden="true">
        T
      </span>
      {!compact && <span className="brand-name">Tandem</span>}
    </a>
  );
}
