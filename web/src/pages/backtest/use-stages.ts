import { useEffect, useState } from 'react';

/**
 * Counts 0, 1, … `last`, one step per task after each commit: a view renders its parts in
 * stages (`stage >= k && <Part />`), so no single task mounts everything, and the browser paints
 * and handles input between them.
 */
export function useStages(last: number): number {
  const [stage, setStage] = useState(0);
  useEffect(() => {
    if (stage >= last) return;
    const id = setTimeout(() => setStage(stage + 1), 0);
    return () => clearTimeout(id);
  }, [stage, last]);
  return stage;
}
