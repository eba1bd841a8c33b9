import { useEffect } from 'react';
import type { Theme } from '../store/view-state';

/** `system` leaves the choice to prefers-color-scheme; light and dark override it. */
export function useDocumentTheme(theme: Theme): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
