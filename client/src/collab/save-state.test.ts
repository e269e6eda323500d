import { describe, expect, it } from 'vitest';
import { saveDetailFor, saveStateFor, saveStateLabels } from './save-state';

describe('save state', () => {
  it('keeps the contract’s states: saved, saving while connected, local otherwise', () => {
    expect(saveStateFor(false, 'offline')).toBe('saved');
    expect(saveStateFor(true, 'connected')).toBe('saving');
    expect(saveStateFor(true, 'offline')).toBe('local');
  });

  it('labels edits the server refused “Not saved”, not “Kept on this device” as if they were waiting for a network', () => {
    const detail = saveDetailFor(saveStateFor(true, 'offline'), true);
    expect(detail).toBe('refused');
    expect(saveStateLabels[detail]).toBe('Not saved');
    expect(saveDetailFor(saveStateFor(true, 'offline'), false)).toBe('local');
    // Once everything is saved (after discarding, say) a refusal left on the connection changes nothing.
    expect(saveDetailFor(saveStateFor(false, 'offline'), true)).toBe('saved');
  });
});
