// "Open by name": accepts a document name or a pasted Tandem link, checks it with the server's own rule
// (parseDocName) and explains a bad name inline instead of navigating to an error page. A link to another Tandem
// server opens on that server.
import { useId, useState, type FormEvent } from 'react';
import { parseDocName } from '../../../shared/doc-name';
import { readDocInput } from './doc-input';

export interface OpenDocFormProps {
  /** `query`: what a pasted link carried for the editor (`name=…&token=…`, without `?`), or ''. */
  readonly onOpen: (docName: string, query: string) => void;
}

export function OpenDocForm({ onOpen }: OpenDocFormProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = readDocInput(value, window.location.origin);
    const parsed = parseDocName(input.rawName);
    if (!parsed.ok) {
      setError(capitalize(parsed.reason));
      return;
    }
    setError(null);
    if (input.elsewhere !== null) window.location.assign(input.elsewhere);
    else onOpen(parsed.name, input.query);
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

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}
