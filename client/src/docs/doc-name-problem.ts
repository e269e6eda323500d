// A bad document name explained to a person, for the bad-name page and the home page's Open box. The server's
// `reason` ("document name may contain only A-Z a-z 0-9 . _ -") is written for API clients; this says the same
// in words, and never repeats a name too long to read.
import type { DocNameProblem } from '../../../shared/doc-name';

const EXPLANATIONS: Readonly<Record<DocNameProblem, string>> = {
  empty: 'A document needs a name.',
  'too-long': 'A document name is at most 128 characters long.',
  'leading-dot': 'A document name cannot start with a dot.',
  characters: 'A document name holds only letters, digits, dots, underscores and hyphens: no spaces or other marks.',
};

export function explainDocNameProblem(problem: DocNameProblem): string {
  return EXPLANATIONS[problem];
}
