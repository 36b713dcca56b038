import {
  checkGeneticSettings,
  DEFAULT_GENETIC_SETTINGS,
  type EarlyStop,
  type GeneticSettings,
} from '../../../engine-core/src';
import { CliError, numberFlag, type ParsedArgs, single } from '../cli/cli-args';

/** The flags of `--method genetic` (each optional; DEFAULT_GENETIC_SETTINGS otherwise). */
export const GENETIC_FLAGS = [
  '--population',
  '--generations',
  '--mutation-rate',
  '--crossover-rate',
  '--elite',
  '--tournament',
  '--early-stop',
] as const;

function int(args: ParsedArgs, flag: string, fallback: number): number {
  const n = numberFlag(args, flag, fallback, Number.NEGATIVE_INFINITY);
  if (!Number.isInteger(n)) throw new CliError(`${flag}: ${n} is not an integer`);
  return n;
}

/** `N[:MIN_IMPROVEMENT]` (generations, then the gain below which the search stops) or `off`. */
export function parseEarlyStop(text: string, fallback: EarlyStop | null): EarlyStop | null {
  if (text.trim() === 'off') return null;
  const [n, min, ...rest] = text.split(':');
  const generations = Number(n);
  const minImprovement = min === undefined ? (fallback?.minImprovement ?? 0) : Number(min);
  if (
    rest.length > 0 ||
    n?.trim() === '' ||
    min?.trim() === '' ||
    Number.isNaN(generations) ||
    Number.isNaN(minImprovement)
  )
    throw new CliError(`--early-stop: "${text}": want N[:MIN_IMPROVEMENT] or off`);
  return { generations, minImprovement };
}

/** The genetic settings from the flags, checked together (bad values: exit 2 with one line). */
export function geneticSettings(args: ParsedArgs, seed: number): GeneticSettings {
  const d = DEFAULT_GENETIC_SETTINGS;
  const es = single(args, '--early-stop');
  const s: GeneticSettings = {
    populationSize: int(args, '--population', d.populationSize),
    maxGenerations: int(args, '--generations', d.maxGenerations),
    mutationRate: numberFlag(args, '--mutation-rate', d.mutationRate, 0, 1),
    crossoverRate: numberFlag(args, '--crossover-rate', d.crossoverRate, 0, 1),
    eliteCount: int(args, '--elite', d.eliteCount),
    tournamentSize: int(args, '--tournament', d.tournamentSize),
    earlyStop: es === undefined ? d.earlyStop : parseEarlyStop(es, d.earlyStop),
    seed,
  };
  const checked = checkGeneticSettings(s);
  if (!checked.ok) throw new CliError(`--method genetic: ${checked.error}`);
  return checked.value;
}
