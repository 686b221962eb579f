/** Thrown by a method to answer with this exact DDP error (e.g. a numeric Meteor code). */
export class DdpMethodError extends Error {
  constructor(
    readonly error: string | number,
    readonly reason?: string,
  ) {
    super(reason ?? String(error));
  }
}
