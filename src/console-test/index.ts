/**
 * What Logto shows for a connector's errors, and the diagnosis a Console test gets instead of
 * Logto's fixed phrases.
 */
export { consoleTestError, maxToastLength, type ConsoleTestErrorData } from './diagnosis.js';
export { failureClassOf, type FailureClass } from './failure-classes.js';
export {
  displayLines,
  errorDescriptionOf,
  logtoDisplay,
  logtoPhrases,
  toastText,
  zodIssueLines,
  type LogtoDisplay,
} from './logto-display.js';
export { numberAsRead, numberReading, numberReadings, type NumberReadings } from './number-reading.js';
