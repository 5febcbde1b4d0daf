// Exit codes a CI pipeline can rely on, and the error that carries one.
export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, notFound: 4 };

export class CliError extends Error {
  constructor(message, code = EXIT.failed) {
    super(message);
    this.code = code;
  }
}
