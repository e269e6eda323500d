// "Open by name": accepts a document name, a title typed as words ("Team notes" opens Team-notes, and says so before
// it does), or a pasted Tandem link; checks the name with the server's own rule (parseDocName) and explains a bad
// one inline instead of navigating to an error page. A link to another Tandem server opens on that server.
import { useId, useState, type FormEvent } from 'react';
import { parseDocName, type DocNameResult } from '../../../shared/doc-name';
import { readDocInput, type DocInput } from './doc-input';
import { explainDocNameProblem } from './doc-name-problem';
import { nameFromTitle } from './name-from-title';

export interface OpenDocFormProps {
  /** `query`: what a pasted link carried for the editor (`name=…&token=…`, without `?`), or ''. */
  readonly onOpen: (docName: string, query: string) => void;
}

export function OpenDocForm({ onOpen }: OpenDocFormProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const hintId = useId();

  const input = readDocInput(value, window.location.origin);
  const parsed = nameToOpen(input);
  const renamedTo = parsed.ok && parsed.name !== input.rawName ? parsed.name : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok) {
      setError(explainDocNameProblem(parsed.problem));
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
          aria-describedby={error === null ? (renamedTo === null ? undefined : hintId) : errorId}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="button">
          Open
        </button>
      </div>
      {error === null && renamedTo !== null && (
        <p id={hintId} className="field-hint" data-testid="open-doc-hint">
          Opens “{renamedTo}”: names have no spaces or punctuation.
        </p>
      )}
      {error !== null && (
        <p id={errorId} className="field-error" role="alert" data-testid="open-doc-error">
          {error}
        </p>
      )}
    </form>
  );
}

/** The name `input` opens: its own, or, when that is not a valid name, one made of it as a title (not for another server). */
function nameToOpen(input: DocInput): DocNameResult {
  const parsed = parseDocName(input.rawName);
  if (parsed.ok || input.elsewhere !== null) return parsed;
  const fromTitle = nameFromTitle(input.rawName);
  return fromTitle === null ? parsed : { ok: true, name: fromTitle };
}
