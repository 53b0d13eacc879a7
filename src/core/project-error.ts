/**
 * The base of the project's own errors (InputError, DataValidationError, CoxConvergenceError):
 * errors whose message already says what is wrong and where, for a reader rather than a
 * debugger. In a notebook the tslab kernel prints a failed cell's error with Node's
 * console, which would show the compiled-JavaScript source line, the kernel's stack and
 * every field of the error (a validation error's whole issue list a second time). These
 * errors print as "Name: message" instead; `stack` and the fields stay on the object for
 * code that wants them. Other errors (a typo's TypeError, say) keep Node's full report.
 *
 * @example
 * class MyError extends ProjectError { constructor(m: string) { super(m); this.name = "MyError"; } }
 * console.error(new MyError("x must be positive")); // MyError: x must be positive
 */
export class ProjectError extends Error {
  /** How Node's console and util.inspect show the error (Symbol.for("nodejs.util.inspect.custom")). */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `${this.name}: ${this.message}`;
  }
}
