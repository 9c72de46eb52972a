import { actionableAlarms, parseAlarmNotifications } from '../src';
import { alarmMessage, snsEvent } from './sns-events';

describe('alarm events', () => {
  it('reads name, state and change time from each SNS record', () => {
    const event = snsEvent(alarmMessage('out', 'ALARM', '2026-11-28T10:00:00.000Z'), alarmMessage('in', 'OK', '2026-11-28T10:01:00.000Z'));
    expect(parseAlarmNotifications(event)).toEqual([
      { alarmName: 'out', newState: 'ALARM', changedAt: Date.parse('2026-11-28T10:00:00.000Z') },
      { alarmName: 'in', newState: 'OK', changedAt: Date.parse('2026-11-28T10:01:00.000Z') },
    ]);
  });

  it('skips messages that are not alarm notifications', () => {
    expect(parseAlarmNotifications(snsEvent('not json', '"a string"', '{"AlarmName":"x"}'))).toEqual([]);
  });

  it("acts only on this stream's alarms, in ALARM, raised after the last scaling", () => {
    const at = Date.parse('2026-11-28T10:00:00.000Z');
    const notifications = [
      { alarmName: 'out', newState: 'ALARM', changedAt: at },
      { alarmName: 'out', newState: 'OK', changedAt: at },
      { alarmName: 'other', newState: 'ALARM', changedAt: at },
      { alarmName: 'in', newState: 'ALARM', changedAt: at - 1 },
    ];
    expect(actionableAlarms(notifications, ['out', 'in'], at)).toEqual([notifications[0]]);
  });
});
