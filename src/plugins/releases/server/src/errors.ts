/** What a release request can fail with; the controller turns each into Strapi's error shape. */
import type { InputProblem } from './lib/entries';

/** The request is wrong (400 ValidationError, with each problem's path). */
export class ReleaseInputError extends Error {
  constructor(public readonly problems: InputProblem[]) {
    super(problems.map((problem) => problem.message).join('; '));
    this.name = 'ReleaseInputError';
  }
}

/** No release with this id (404). */
export class ReleaseNotFoundError extends Error {
  constructor(id: number | string) {
    super(`no release with id ${String(id)}`);
    this.name = 'ReleaseNotFoundError';
  }
}

/** The release's state does not allow this now: running, or done (409). */
export class ReleaseConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseConflictError';
  }
}
