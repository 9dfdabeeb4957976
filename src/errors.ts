/**
 * Errors thrown only for misuse of the TypeScript API (never for values a WSK caller could pass).
 */

/** The harness was called wrongly: not a Buffer, an unknown arch, a value no C caller could pass. */
export class AbiUsageError extends Error {
  constructor(message: string) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    Object.defineProperty(this, 'name', { value: 'AbiUsageError', enumerable: false, configurable: true });
  }
}

/** A vector file or script is malformed; carries where (file, vector id, step index). */
export class VectorFormatError extends Error {
  constructor(message: string, readonly file: string, readonly vectorId?: string, readonly step?: number) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    Object.defineProperty(this, 'name', { value: 'VectorFormatError', enumerable: false, configurable: true });
  }

  /** One-line description naming the file, vector and step. */
  where(): string {
    let w = this.file;
    if (this.vectorId !== undefined) w += `: vector ${JSON.stringify(this.vectorId)}`;
    if (this.step !== undefined) w += `, step ${this.step}`;
    return w;
  }
}
