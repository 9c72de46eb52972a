import { App, Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ProvisionedStream } from '../src/constructs/provisioned-stream/provisioned-stream';
import { ShardScaling } from '../src/constructs/shard-scaling/shard-scaling';

/** Props a deploy would fail on (or run wrongly with) are refused when the construct is built. */
describe('construct props are validated at construction', () => {
  const scope = () => {
    const stack = new Stack(new App(), 'PropsCheck');
    return { stack, key: new Key(stack, 'Key') };
  };
  const scaling = (props: { minShards?: number; maxShards?: number; initialShardCount?: number }) => {
    const { stack, key } = scope();
    return () => new ShardScaling(stack, 'Scaling', { streamName: 's', streamArn: 'arn:aws:kinesis:us-east-1:1:stream/s', key, ...props });
  };
  const stream = (props: { initialShardCount?: number; retentionPeriodHours?: number }) => {
    const { stack, key } = scope();
    return () => new ProvisionedStream(stack, 'Stream', { streamName: 's', key, tags: {}, ...props });
  };

  it('ShardScaling refuses minShards above maxShards, and a first shard count outside them', () => {
    expect(scaling({ minShards: 4, maxShards: 2 })).toThrow('scaling policy maxShards is 2: expected a whole number of at least 4');
    expect(scaling({ minShards: 0 })).toThrow('scaling policy minShards is 0: expected a whole number of at least 1');
    expect(scaling({ minShards: 2, maxShards: 4, initialShardCount: 1 })).toThrow(
      'ShardScaling initialShardCount is 1: expected a whole number from minShards 2 to maxShards 4',
    );
    expect(scaling({ initialShardCount: 1.5 })).toThrow('ShardScaling initialShardCount is 1.5');
  });

  it('ProvisionedStream refuses a retention Kinesis does not allow, and a stream without a shard', () => {
    expect(stream({ retentionPeriodHours: 12 })).toThrow(
      'ProvisionedStream retentionPeriodHours is 12: Kinesis keeps data 24 to 8760 hours (a whole number)',
    );
    expect(stream({ retentionPeriodHours: 8761 })).toThrow('retentionPeriodHours is 8761');
    expect(stream({ retentionPeriodHours: 24.5 })).toThrow('retentionPeriodHours is 24.5');
    expect(stream({ initialShardCount: 0 })).toThrow('ProvisionedStream initialShardCount is 0: expected a whole number of at least 1');
  });
});
