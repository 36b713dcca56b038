import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Theme = 'dark' | 'light';

interface ThemeState {
  readonly theme: Theme;
  toggle(): void;
  set(theme: Theme): void;
}

/** The UI theme, remembered across visits; applied as `data-theme` on <html>. */
export const useTheme = create<ThemeState>()(
  persist(
    (set) => ({
      theme: 'dark',
      toggle: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
      set: (theme) => set({ theme }),
    }),
    { name: 'veloz-theme' },
  ),
);
