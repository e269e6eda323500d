// "Open by name": accepts a document name or a pasted Tandem link, checks it with the server's own rule
// (parseDocName) and explains a bad name inline instead of navigating to an error page.
import { useId, useState, type FormEvent } from 'react';
import { parseDocName } from '../../../shared/doc-name';

export function OpenDocForm({ onOpen }: { onOpen: (docName: string) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDocName(docNameFromInput(value));
    if (!parsed.ok) {
      setError(capitalize(parsed.reason));
      return;
    }
    setError(null);
    onOpen(parsed.name);
  };

  return (
    <form className="open-doc-form" onSubmit={submit} noValidate>
      <label htmlFor={inputId} className="open-doc-label">
        Open a document by name or link
      </label>
      <div className="open-doc-row">
        <input
          id={inputId}
          data-testid="open-doc-input"
          className="text-input"
          value={value}
          placeholder="e.g. brave-otter-7f3k2q"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : errorId}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="button">
          Open
        </button>
      </div>
      {error !== null && (
        <p id={errorId} className="field-error" role="alert" data-testid="open-doc-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** A pasted link like `https://host/d/name?x=1` opens `name`; anything else is taken as the name itself. */
function docNameFromInput(input: string): string {
  const trimmed = input.trim();
  const match = /\/d\/([^/?#]+)/.exec(trimmed);
  if (match?.[1] === undefined) return trimmed;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    // Not a valid escape: let parseDocName reject the raw text with its own message.
    return match[1];
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}
