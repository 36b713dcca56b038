import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKTEST_CONFIG } from '../../../../engine-core/src/backtest';
import { resolveParams, STRATEGIES, smaCross } from '../../../../engine-core/src/strategy';
import type { ParamSpec } from '../../../../engine-core/src/strategy/params';
import {
  checkForm,
  costError,
  costTexts,
  defaultParamTexts,
  paramError,
  stepParamText,
} from './form-validation';

const DEFAULT_COSTS = costTexts(DEFAULT_BACKTEST_CONFIG);
const fast = smaCross.params[0] as ParamSpec;
const float: ParamSpec = {
  name: 'k',
  type: 'float',
  default: 2,
  min: 0.5,
  max: 5,
  step: 0.1,
  description: 'band width',
};
const bool: ParamSpec = { name: 'allowShort', type: 'bool', default: false, description: '' };

describe('paramError', () => {
  it('accepts what resolveParams accepts and repeats its message otherwise', () => {
    for (const text of ['10', ' 10 ', '1e1', '1', '1000', '1.5', '0', '1001', '', 'abc', '-3']) {
      const engine = resolveParams([fast], { fast: text });
      expect(paramError(fast, text)).toBe(engine.ok ? null : engine.error);
    }
    expect(paramError(fast, '1.5')).toBe('param fast: 1.5 is not an integer');
    expect(paramError(fast, '0')).toBe('param fast: 0 < min 1');
    expect(paramError(fast, '')).toBe('param fast: "" is not a number');
  });

  it('checks floats against their bounds and bools as true/false', () => {
    expect(paramError(float, '0.7')).toBeNull();
    expect(paramError(float, '5.1')).toBe('param k: 5.1 > max 5');
    expect(paramError(bool, 'true')).toBeNull();
    expect(paramError(bool, 'yes')).toBe('param allowShort: "yes" is not true or false');
  });

  it('treats a missing text as the default', () => {
    expect(paramError(fast, undefined)).toBeNull();
  });
});

describe('costError', () => {
  it('wants cash > 0 and fees/slippage within [0, 10000] bps, as the CLI', () => {
    expect(costError('initialCash', '10000')).toBeNull();
    expect(costError('initialCash', '0')).toBe('initial cash: must be > 0');
    expect(costError('initialCash', 'x')).toBe('initial cash: "x" is not a number');
    expect(costError('feeBps', '0')).toBeNull();
    expect(costError('feeBps', '-1')).toBe('taker fee: must be ≥ 0');
    expect(costError('slippageBps', '10001')).toBe('slippage: 10001 > max 10000');
    expect(costError('makerFeeBps', ' ')).toBe('maker fee: " " is not a number');
  });
});

describe('checkForm', () => {
  it('resolves the defaults of every built-in to the engine values and the DESIGN §7 config', () => {
    for (const s of STRATEGIES.values()) {
      const c = checkForm(s.params, defaultParamTexts(s.params), DEFAULT_COSTS);
      expect(c.ok).toBe(true);
      const engine = resolveParams(s.params, {});
      expect(engine.ok && c.params).toEqual(engine.ok ? engine.value : null);
      expect(c.config).toEqual(DEFAULT_BACKTEST_CONFIG);
    }
  });

  it('turns texts into numbers and bools', () => {
    const c = checkForm(
      [fast, float, bool],
      { fast: '12', k: '2.5', allowShort: 'true' },
      DEFAULT_COSTS,
    );
    expect(c.params).toEqual({ fast: 12, k: 2.5, allowShort: true });
  });

  it('reports each bad field and gives no params or config', () => {
    const c = checkForm(
      smaCross.params,
      { fast: '1.5', slow: '30' },
      { ...DEFAULT_COSTS, feeBps: '-2' },
    );
    expect(c.ok).toBe(false);
    expect(c.paramErrors).toEqual({ fast: 'param fast: 1.5 is not an integer', slow: null });
    expect(c.costErrors.feeBps).toBe('taker fee: must be ≥ 0');
    expect(c.costErrors.initialCash).toBeNull();
    expect(c.params).toBeNull();
    expect(c.config).toBeNull();
  });

  it('ignores texts of params the strategy no longer declares', () => {
    const c = checkForm(smaCross.params, { fast: '5', gone: 'x' }, DEFAULT_COSTS);
    expect(c.ok).toBe(true);
    expect(c.params).toEqual({ fast: 5, slow: 30 });
  });
});

describe('stepParamText', () => {
  it('steps by the spec step within [min, max]', () => {
    expect(stepParamText(fast, '10', 1)).toBe('11');
    expect(stepParamText(fast, '1', -1)).toBe('1');
    expect(stepParamText(fast, '1000', 1)).toBe('1000');
    expect(stepParamText(float, '0.2', 1)).toBe('0.5');
    expect(stepParamText(float, '2.2', 1)).toBe('2.3');
    expect(stepParamText(float, '0.6', -1)).toBe('0.5');
  });

  it('restarts from the default on unparsable text and leaves bools alone', () => {
    expect(stepParamText(fast, 'abc', 1)).toBe('11');
    expect(stepParamText(bool, 'true', 1)).toBe('true');
  });
});
