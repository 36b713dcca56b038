// What the editor completes: the strategy SDK (README "Strategies"), as static data, and the
// plain-text logic that picks the entries for the text before the cursor. No CodeMirror here.

/** One completion entry. `snippet` uses CodeMirror's `#{name}` placeholders. */
export interface SdkEntry {
  readonly label: string;
  readonly type: 'method' | 'property' | 'class' | 'function' | 'keyword' | 'variable';
  readonly detail: string;
  readonly info?: string;
  readonly snippet?: string;
}

const m = (label: string, detail: string, info: string, snippet?: string): SdkEntry => ({
  label,
  type: 'method',
  detail,
  info,
  ...(snippet === undefined ? {} : { snippet }),
});
const p = (label: string, detail: string, info: string): SdkEntry => ({
  label,
  type: 'property',
  detail,
  info,
});

/** `ctx`: what a strategy sees and does. */
export const CTX_MEMBERS: readonly SdkEntry[] = [
  p('candles', 'Candles', 'the bars so far (columns: time, open, high, low, close, volume)'),
  p('bar', 'number', 'index of the bar that just closed'),
  p('params', 'ParamValues', 'the resolved params of this run'),
  p('symbol', 'string', 'the instrument traded'),
  m('now', '(): number', 'current time in ms (the close of the bar in a backtest)', 'now()'),
  m('position', '(): number', 'signed position in the base asset', 'position()'),
  m(
    'avgPrice',
    '(): number',
    'average entry price of the open position; 0 when flat',
    'avgPrice()',
  ),
  m('cash', '(): number', 'quote cash (free + locked)', 'cash()'),
  m('equity', '(): number', 'cash + position marked at the last close', 'equity()'),
  m('balances', '(): BalanceView[]', 'every balance (asset, free, locked)', 'balances()'),
  m('openOrders', '(): StrategyOpenOrder[]', "the strategy's working orders", 'openOrders()'),
  m(
    'submit',
    '(order): string',
    'places an order (MARKET, LIMIT, STOP, STOP_LIMIT); returns its client order id',
    "submit({ type: '#{MARKET}', side: '#{BUY}', size: { fraction: #{1} } })",
  ),
  m('cancel', '(clientOrderId): void', 'cancels one working order', 'cancel(#{id})'),
  m('cancelAll', '(): void', 'cancels every working order of the strategy', 'cancelAll()'),
  m('closePosition', '(): void', 'market-closes the whole position', 'closePosition()'),
  m(
    'bracket',
    '(takeProfit, stopLoss): void',
    'take-profit limit + stop-loss stop, one cancels the other',
    'bracket(#{takeProfit}, #{stopLoss})',
  ),
  m('log', '(message): void', "a line for the run's log", 'log(`#{message}`)'),
];

/** `ctx.candles`: columnar bars. */
export const CANDLE_MEMBERS: readonly SdkEntry[] = [
  p('close', 'Float64Array', 'close of each bar: ctx.candles.close[ctx.bar]'),
  p('open', 'Float64Array', 'open of each bar'),
  p('high', 'Float64Array', 'high of each bar'),
  p('low', 'Float64Array', 'low of each bar'),
  p('volume', 'Float64Array', 'volume of each bar'),
  p('time', 'Float64Array', 'open time of each bar (Unix ms, UTC)'),
  p('length', 'number', 'number of bars'),
  p('symbol', 'string', 'the instrument'),
  p('interval', 'string', "bar interval label ('1h', …)"),
  p('intervalMs', 'number', 'bar length in ms'),
];

/** `onFill(ctx, fill)`. */
export const FILL_MEMBERS: readonly SdkEntry[] = [
  p('side', "'BUY' | 'SELL'", 'side of the filled order'),
  p('qty', 'number', 'filled quantity'),
  p('price', 'number', 'fill price'),
  p('fee', 'number', 'fee paid (quote)'),
  p('time', 'number', 'fill time (ms)'),
  p('clientOrderId', 'string', 'the order that filled'),
  p('liquidity', "'MAKER' | 'TAKER'", 'maker or taker'),
];

/** `onOrderUpdate(ctx, update)`. */
export const ORDER_UPDATE_MEMBERS: readonly SdkEntry[] = [
  p('clientOrderId', 'string', 'the order'),
  p('status', 'OrderStatus', 'ACCEPTED, TRIGGERED, PARTIALLY_FILLED, FILLED, CANCELLED, …'),
  p('reason', 'string | null', "why it was rejected (the risk rule's reason)"),
];

interface IndicatorDoc {
  readonly name: string;
  readonly ctor: string;
  readonly info: string;
  readonly update: string;
  readonly fields: readonly SdkEntry[];
}

const value = p('value', 'number', 'the current value; NaN until warm');
const reset = m('reset', '(): void', 'forgets every value seen', 'reset()');

/** The indicators `veloz` exports (streaming, O(1) per update). */
export const INDICATORS: readonly IndicatorDoc[] = [
  {
    name: 'Sma',
    ctor: 'Sma(#{period})',
    info: 'simple moving average',
    update: 'update(#{x})',
    fields: [value],
  },
  {
    name: 'Ema',
    ctor: 'Ema(#{period})',
    info: 'exponential moving average (SMA-seeded)',
    update: 'update(#{x})',
    fields: [value],
  },
  {
    name: 'Rsi',
    ctor: 'Rsi(#{period})',
    info: "Wilder's RSI (0–100)",
    update: 'update(#{x})',
    fields: [value],
  },
  {
    name: 'Bollinger',
    ctor: 'Bollinger(#{period}, #{k})',
    info: 'Bollinger bands (population σ); update returns middle',
    update: 'update(#{x})',
    fields: [
      p('middle', 'number', 'SMA of the window'),
      p('upper', 'number', 'middle + k·σ'),
      p('lower', 'number', 'middle − k·σ'),
      p('stddev', 'number', 'population σ of the window'),
    ],
  },
  {
    name: 'Atr',
    ctor: 'Atr(#{period})',
    info: "average true range (Wilder's smoothing)",
    update: 'update(#{high}, #{low}, #{close})',
    fields: [value],
  },
  {
    name: 'Macd',
    ctor: 'Macd(#{fast}, #{slow}, #{signal})',
    info: 'MACD; update returns macd',
    update: 'update(#{x})',
    fields: [
      p('macd', 'number', 'EMA(fast) − EMA(slow)'),
      p('signal', 'number', 'EMA of macd'),
      p('histogram', 'number', 'macd − signal'),
    ],
  },
  {
    name: 'Donchian',
    ctor: 'Donchian(#{period})',
    info: 'Donchian channel; update returns middle',
    update: 'update(#{high}, #{low})',
    fields: [
      p('upper', 'number', 'highest high of the window'),
      p('lower', 'number', 'lowest low of the window'),
      p('middle', 'number', '(upper + lower) / 2'),
    ],
  },
  {
    name: 'Vwap',
    ctor: 'Vwap({ period: #{period} })',
    info: 'VWAP of the typical price; cumulative without a period',
    update: 'update(#{high}, #{low}, #{close}, #{volume})',
    fields: [value],
  },
  {
    name: 'Roc',
    ctor: 'Roc(#{period})',
    info: 'rate of change (percent)',
    update: 'update(#{x})',
    fields: [value],
  },
];

/** A snippet without its placeholder marks: `update(#{x})` → `update(x)`. */
const plain = (snippet: string): string => snippet.replace(/#\{(\w*)\}/g, '$1');

/** The members of an indicator instance. */
export function indicatorMembers(name: string): readonly SdkEntry[] {
  const d = INDICATORS.find((i) => i.name === name);
  if (d === undefined) return [];
  return [m('update', `${plain(d.update)}: number`, 'adds a value', d.update), ...d.fields, reset];
}

/** Names at the top level: the SDK's exports and the strategy's callbacks. */
export const GLOBALS: readonly SdkEntry[] = [
  {
    label: 'defineStrategy',
    type: 'function',
    detail: '(strategy): Strategy',
    info: 'declares a strategy: name, description, params, create(params)',
    snippet:
      "defineStrategy({\n\tname: '#{name}',\n\tdescription: '#{}',\n\tparams: [],\n\tcreate(p) {\n\t\treturn {\n\t\t\tonBar(ctx) {\n\t\t\t\t#{}\n\t\t\t},\n\t\t};\n\t},\n})",
  },
  ...INDICATORS.map(
    (i): SdkEntry => ({
      label: i.name,
      type: 'class',
      detail: `new ${plain(i.ctor)}`,
      info: i.info,
    }),
  ),
  {
    label: 'onBar',
    type: 'method',
    detail: '(ctx)',
    info: 'at every bar close',
    snippet: 'onBar(ctx) {\n\t#{}\n},',
  },
  {
    label: 'onFill',
    type: 'method',
    detail: '(ctx, fill)',
    info: "a fill of one of the strategy's orders",
    snippet: 'onFill(ctx, fill) {\n\t#{}\n},',
  },
  {
    label: 'onOrderUpdate',
    type: 'method',
    detail: '(ctx, update)',
    info: "a status change of one of the strategy's orders",
    snippet: 'onOrderUpdate(ctx, update) {\n\t#{}\n},',
  },
  {
    label: 'init',
    type: 'method',
    detail: '(ctx)',
    info: 'once, before the first bar',
    snippet: 'init(ctx) {\n\t#{}\n},',
  },
];

const MEMBER_BEFORE = /([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*\.\s*([\w$]*)$/;
const NEW_BEFORE = /\bnew\s+([\w$]*)$/;
const WORD_BEFORE = /[\w$]+$/;

/** What to complete at the cursor: where the typed word starts and the entries that fit. */
export interface SdkMatch {
  /** Offset in `before` where the word being typed starts. */
  readonly from: number;
  readonly entries: readonly SdkEntry[];
  /** True after `x.`: only these entries make sense. */
  readonly member: boolean;
}

/** Variables bound to an indicator in the text: `const fast = new Ema(…)` → fast: Ema. */
export function indicatorBindings(doc: string): Map<string, string> {
  const out = new Map<string, string>();
  const names = INDICATORS.map((i) => i.name).join('|');
  const re = new RegExp(`([A-Za-z_$][\\w$]*)\\s*(?::[^=]*)?=\\s*new\\s+(${names})\\b`, 'g');
  for (let r = re.exec(doc); r !== null; r = re.exec(doc)) out.set(r[1] as string, r[2] as string);
  return out;
}

/**
 * The SDK entries for the text before the cursor (`before`, at most the current line is enough)
 * in a document `doc`: members after `ctx.`, `ctx.candles.`, `fill.`, `update.`, `p.`/`params.`
 * (the strategy's own param names) and after a variable bound to an indicator; indicator classes
 * after `new`; else the top-level names when a word is being typed (or `explicit`).
 */
export function sdkMatch(
  before: string,
  doc: string,
  paramNames: readonly string[],
  explicit: boolean,
): SdkMatch | null {
  const mem = MEMBER_BEFORE.exec(before);
  if (mem !== null) {
    const path = (mem[1] as string).replace(/\s+/g, '').split('.');
    const last = path[path.length - 1] as string;
    const from = before.length - (mem[2] as string).length;
    const entries = membersOf(path, last, doc, paramNames);
    return entries === null ? null : { from, entries, member: true };
  }
  const nw = NEW_BEFORE.exec(before);
  if (nw !== null) {
    const from = before.length - (nw[1] as string).length;
    const entries = GLOBALS.filter((g) => g.type === 'class').map((g) => {
      const d = INDICATORS.find((i) => i.name === g.label);
      return d === undefined ? g : { ...g, snippet: d.ctor };
    });
    return { from, entries, member: false };
  }
  const word = WORD_BEFORE.exec(before);
  if (word === null && !explicit) return null;
  const from = before.length - (word?.[0].length ?? 0);
  return { from, entries: GLOBALS, member: false };
}

function membersOf(
  path: readonly string[],
  last: string,
  doc: string,
  paramNames: readonly string[],
): readonly SdkEntry[] | null {
  if (last === 'ctx' || last === 'context') return CTX_MEMBERS;
  if (last === 'candles') return CANDLE_MEMBERS;
  if (last === 'fill') return FILL_MEMBERS;
  if (last === 'update' && path.length === 1) return ORDER_UPDATE_MEMBERS;
  if (last === 'params' || (last === 'p' && path.length === 1))
    return paramNames.map((n) => ({
      label: n,
      type: 'variable',
      detail: 'param',
      info: `the value of param ${n}`,
    }));
  const ind = indicatorBindings(doc).get(last);
  if (ind !== undefined) return indicatorMembers(ind);
  return null;
}
