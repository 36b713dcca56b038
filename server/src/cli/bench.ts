// `npm run bench`: prints every benchmark figure with the command that reproduces it.
import { printBacktestSection } from '../bench/backtest-section';
import { printBookSection } from '../bench/book-section';
import { benchPlacementLatency } from '../bench/engine-latency';
import { printExecSection, printRiskSection } from '../bench/exec-risk-section';
import { printLiveSection } from '../bench/live-section';
import { printOptimizerSection } from '../bench/optimizer-section';
import { perSecond } from '../bench/stats';
import {
  benchStdioThroughput,
  engineCommand,
  type ThroughputResult,
} from '../bench/stdio-throughput';
import { printTradesSection } from '../bench/trades-section';
import { printWalBrowserSection } from '../bench/wal-browser-section';
import { printWebSection } from '../bench/web-section';

const fmt = (x: number, d = 2) => x.toFixed(d);

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  console.log(`VeloZ benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  console.log('reproduce all: npm run bench   (one section: npm run bench -- <section>)\n');

  if (want('latency')) {
    const r = benchPlacementLatency(100_000);
    console.log('[latency] in-process placement, engine.handle(submit_order), 100 000 orders');
    console.log(
      `  p50 ${fmt(r.p50us)} µs   p99 ${fmt(r.p99us)} µs   p99.9 ${fmt(r.p999us)} µs   max ${fmt(r.maxUs)} µs   rss ${fmt(r.rssMiB, 0)} MiB`,
    );
    console.log(`  floor: p99 < 50 µs → ${r.p99us < 50 ? 'met' : 'NOT MET'}`);
    console.log('  reproduce: npm run bench -- latency\n');
  }
  if (want('stdio')) {
    for (const [wal, warmup] of [
      [false, 0],
      [false, 20_000],
      [true, 0],
    ] as const) {
      // Five runs without the WAL (this machine is noisy), three with it; the median is the figure.
      const runs: ThroughputResult[] = [];
      for (let k = 0; k < (wal ? 3 : 5); k++)
        runs.push(await benchStdioThroughput(100_000, wal, warmup));
      const rates = runs.map((x) => x.commands / x.seconds).sort((a, b) => a - b);
      const median = rates[Math.floor(rates.length / 2)] as number;
      const r = runs[0] as ThroughputResult;
      const how =
        warmup > 0
          ? `, steady state (after ${warmup.toLocaleString('en-US')} warm-up lines in the same process)`
          : ', cold process';
      console.log(
        `[stdio] 100 000 ORDER/CANCEL lines piped through engine --stdio${wal ? ' --wal (fsync per batch)' : ''}${how}, ${runs.length} runs`,
      );
      console.log(
        `  median ${perSecond(median, 1)} commands   (runs: ${rates.map((x) => Math.round(x / 1000)).join(', ')} k/s; ${r.outputLines.toLocaleString('en-US')} output lines each)`,
      );
      if (!wal)
        console.log(
          `  floor: ≥ 100 000 commands/s (median) → ${median >= 100_000 ? 'met' : 'NOT MET'}`,
        );
      console.log(`  engine: ${engineCommand(wal)}`);
      console.log('  reproduce: npm run bench -- stdio\n');
    }
  }
  if (want('backtest')) await printBacktestSection();
  if (want('optimize')) await printOptimizerSection();
  if (want('web')) await printWebSection();
  if (want('book')) printBookSection();
  if (want('wal-browser')) await printWalBrowserSection();
  if (want('live')) await printLiveSection();
  if (want('exec')) printExecSection();
  if (want('risk')) printRiskSection();
  if (want('trades')) await printTradesSection();
}

void main();
