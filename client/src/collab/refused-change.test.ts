import { describe, expect, it } from 'vitest';
import { CloseCode, retryPolicyFor } from '../../../shared/close-codes';
import { isRefusedChange } from './refused-change';

describe('isRefusedChange', () => {
  it('names the stops that refuse this page’s own change: too large for the document, too large a message', () => {
    expect(isRefusedChange(CloseCode.DocumentTooLarge)).toBe(true);
    expect(isRefusedChange(CloseCode.MessageTooBig)).toBe(true);
  });

  it('leaves stops about the document or the access to the plain notice', () => {
    for (const code of [null, CloseCode.DocumentDeleted, CloseCode.Forbidden, CloseCode.ProtocolViolation, CloseCode.Unauthorized]) {
      expect(isRefusedChange(code)).toBe(false);
    }
  });

  it('says the change was refused, not that the document is full', () => {
    const { reason } = retryPolicyFor(CloseCode.DocumentTooLarge);
    expect(reason).toMatch(/^Your latest changes would make this document larger than this server allows\.$/);
    expect(reason).not.toMatch(/reached/);
  });
});
