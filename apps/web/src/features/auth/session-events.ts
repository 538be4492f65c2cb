/**
 * Remembers that the session ended on the server side (expired, revoked) rather than by signing out,
 * so that the login page can say so.
 */
let lost = false;

export function noteSessionLost(): void {
  lost = true;
}

export function clearSessionLost(): void {
  lost = false;
}

export function wasSessionLost(): boolean {
  return lost;
}
