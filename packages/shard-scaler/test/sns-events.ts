import type { SNSEvent } from 'aws-lambda';

/** An SNS event carrying the given messages, shaped like what SNS delivers to Lambda. */
export function snsEvent(...messages: string[]): SNSEvent {
  return {
    Records: messages.map((Message, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:eu-west-1:111111111111:scaling:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `m${i}`,
        TopicArn: 'arn:aws:sns:eu-west-1:111111111111:scaling',
        Subject: null as unknown as string,
        Message,
        Timestamp: '2026-11-28T10:00:00.000Z',
        SignatureVersion: '1',
        Signature: 'x',
        SigningCertUrl: 'https://example.invalid/cert',
        UnsubscribeUrl: 'https://example.invalid/unsub',
        MessageAttributes: {},
      },
    })),
  };
}

/** A CloudWatch alarm notification body as SNS carries it. */
export function alarmMessage(alarmName: string, newState: string, changedAt: string): string {
  return JSON.stringify({
    AlarmName: alarmName,
    NewStateValue: newState,
    OldStateValue: 'OK',
    NewStateReason: 'Threshold Crossed: 3 out of the last 3 datapoints were greater than the threshold (0.8).',
    StateChangeTime: changedAt.replace('Z', '+0000'),
    Region: 'EU (Ireland)',
  });
}
