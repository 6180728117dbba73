/** Thrown for invalid arguments; `code` is INVALID_ARGUMENT, INVALID_OPTION or INTERNAL. */
export class EveryNodeError extends Error {
  constructor(message, code) {
    super(message);
    this.name = "EveryNodeError";
    this.code = code;
  }
}
