// The one platform fact the editor needs: on Apple devices ⌘ takes the place of Ctrl in shortcuts.
export const isApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
