/** The app's pages, in navigation order. */
export const ROUTES = [
  { path: '/backtest', label: 'Backtest' },
  { path: '/optimize', label: 'Optimize' },
  { path: '/editor', label: 'Strategies' },
  { path: '/paper', label: 'Paper' },
  { path: '/risk', label: 'Risk' },
  { path: '/live', label: 'Live' },
  { path: '/data', label: 'Data' },
  { path: '/settings', label: 'Settings' },
] as const;
