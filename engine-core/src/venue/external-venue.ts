import type { OrderState, TimestampMs } from '../model';
import type { Venue, VenueReport } from './venue';

/**
 * A venue whose reports arrive from outside as `execution_report` commands: the stdio engine
 * behind the server, where a live adapter routes orders and feeds back `EXEC` lines.
 */
export class ExternalVenue implements Venue {
  readonly name = 'external';
  place(_order: OrderState, _now: TimestampMs): void {}
  cancel(): void {}
  onTick(): void {}
  drain(): readonly VenueReport[] {
    return [];
  }
  nextDueTs(): TimestampMs | null {
    return null;
  }
  restore(): void {}
}
