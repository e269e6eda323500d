// Which stops mean the server refused this browser's own change (too large to accept, or to fit in the document)
// rather than the document or the access: everyone else goes on editing, and the way out is on this device.
import { CloseCode } from '../../../shared/close-codes';

/**
 * True for a close code that refuses the change this page sent. Reconnecting would send the same change again (from
 * memory, or after a reload from the local copy) and be refused again, so the page stops until the person downloads
 * their copy or discards what the server does not have (see discard-unsaved-edits.ts).
 */
export function isRefusedChange(stopCode: number | null): boolean {
  return stopCode === CloseCode.DocumentTooLarge || stopCode === CloseCode.MessageTooBig;
}
