/**
 * What ends a text that was cut. Redaction looks for it: a secret cut in half leaves a prefix
 * right before it, too short to be found as a piece of the secret but still a clue.
 */
export const cutMarker = '…';

/** The first `max` characters of a text, with the marker when something was cut away. */
export const cutText = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max)}${cutMarker}` : text;
