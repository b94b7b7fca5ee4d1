// A precise, bilingual error of the GEP domain (no I/O): routes turn it into a 400 answer, the CLI prints it.
export class GepError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = 'GepError';
  }
}
