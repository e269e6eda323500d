import { describe, expect, it, vi } from 'vitest';
import { useFakePage } from '../test-support/fake-page';
import { memoryStorage } from '../test-support/memory-storage';
import { createUnsavedLedger, SHRINK_DELAY_MS } from './unsaved-ledger';

const key = 'tandem:unsaved:notes';

describe('createUnsavedLedger', () => {
  const page = useFakePage();

  function countingStorage() {
    const storage = memoryStorage();
    const writes: string[] = [];
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (name, value) => {
      writes.push(value);
      setItem(name, value);
    };
    return { storage, writes };
  }

  it('stores a client id as soon as it makes an edit, and the next page reads it', () => {
    const { storage } = countingStorage();
    createUnsavedLedger(storage, 'notes').add(7);
    expect(storage.getItem(key)).toBe('[7]');
    expect(createUnsavedLedger(storage, 'notes').read()).toEqual([7]);
  });

  it('writes storage once, not per letter, while letters are typed and confirmed in turn', () => {
    const { storage, writes } = countingStorage();
    const ledger = createUnsavedLedger(storage, 'notes');
    for (let letter = 0; letter < 20; letter++) {
      ledger.add(7);
      expect(storage.getItem(key)).toBe('[7]');
      ledger.clear();
      expect(ledger.read()).toEqual([]);
      vi.advanceTimersByTime(SHRINK_DELAY_MS / 10);
    }
    expect(writes).toEqual(['[7]']);
    vi.advanceTimersByTime(SHRINK_DELAY_MS);
    expect(writes).toEqual(['[7]', '[]']);
    expect(createUnsavedLedger(storage, 'notes').read()).toEqual([]);
  });

  it('empties storage at once when the page goes away with everything confirmed', () => {
    const { storage } = countingStorage();
    const ledger = createUnsavedLedger(storage, 'notes');
    ledger.add(7);
    ledger.clear();
    page.leave();
    expect(storage.getItem(key)).toBe('[]');
  });

  it('keeps an id whose edit came after the confirmation, when the delay ends or on flush', () => {
    const { storage } = countingStorage();
    const ledger = createUnsavedLedger(storage, 'notes');
    ledger.add(7);
    ledger.clear();
    ledger.add(9);
    expect(storage.getItem(key)).toBe('[9]');
    ledger.clear();
    ledger.add(9);
    vi.advanceTimersByTime(SHRINK_DELAY_MS);
    ledger.flush();
    expect(storage.getItem(key)).toBe('[9]');
  });
});
