import { describe, expect, it } from '@jest/globals';
import { sqs } from '../../../src/index.js';
import { fibonacciService } from '../../support/fibonacci-service.js';
import { loadEvent } from '../../support/fixtures.js';

const [FIRST_ID, SECOND_ID, THIRD_ID] = loadEvent('sqs').Records.map(
  (record: { messageId: string }) => record.messageId,
);

describe('sqs source', () => {
  it('claims its fixtures', () => {
    expect(sqs.claims(loadEvent('sqs'))).toBe(true);
    expect(sqs.claims(loadEvent('sqs-sns'))).toBe(true);
    expect(sqs.claims(loadEvent('sqs-fifo'))).toBe(true);
  });

  it('reports only the failed records', async () => {
    const service = fibonacciService();

    const reply = await service.invoke(loadEvent('sqs'));

    expect(reply).toEqual({
      batchItemFailures: [{ itemIdentifier: SECOND_ID }, { itemIdentifier: THIRD_ID }],
    });
  });

  it('reports an empty failure list', async () => {
    const event = loadEvent('sqs');
    event.Records = event.Records.slice(0, 1);
    const service = fibonacciService();

    const reply = await service.invoke(event);

    expect(reply).toEqual({ batchItemFailures: [] });
  });

  it('logs why each record failed', async () => {
    const service = fibonacciService();

    await service.invoke(loadEvent('sqs'));

    const [record] = service.logs;
    expect(service.logs).toHaveLength(1);
    expect(record?.level).toBe('warn');
    expect(record?.records).toEqual({ total: 3, failed: 2, skipped: 0 });
    expect(record?.failures?.map((failure) => failure.recordId)).toEqual([SECOND_ID, THIRD_ID]);
    expect(record?.failures?.[0]?.reason).toContain('/fib must be >= 0');
    expect(record?.failures?.[1]?.reason).toBe(
      'The SQS message body is not valid JSON. Send a JSON object.',
    );
  });

  it('unwraps an SNS notification body', async () => {
    const event = loadEvent('sqs-sns');
    const notification = JSON.parse(event.Records[0].body);
    notification.Message = '{"fib": -2}';
    event.Records[0].body = JSON.stringify(notification);
    const service = fibonacciService();

    const good = await service.invoke(loadEvent('sqs-sns'));
    const bad = await service.invoke(event);

    expect(good).toEqual({ batchItemFailures: [] });
    expect(bad).toEqual({ batchItemFailures: [{ itemIdentifier: FIRST_ID }] });
  });

  it('fails records after a FIFO failure', async () => {
    const event = loadEvent('sqs-fifo');
    const service = fibonacciService();

    const reply = await service.invoke(event);

    expect(reply).toEqual({
      batchItemFailures: [{ itemIdentifier: SECOND_ID }, { itemIdentifier: THIRD_ID }],
    });
    expect(service.logs[0]?.records).toEqual({ total: 3, failed: 1, skipped: 1 });
  });

  it('fails a record whose handler throws', async () => {
    const event = loadEvent('sqs');
    event.Records = event.Records.slice(0, 1);
    const service = fibonacciService({
      handler: () => {
        throw new Error('database unavailable');
      },
    });

    const reply = await service.invoke(event);

    expect(reply).toEqual({ batchItemFailures: [{ itemIdentifier: FIRST_ID }] });
    expect(service.logs[0]?.level).toBe('error');
    expect(service.logs[0]?.failures?.[0]).toMatchObject({
      recordId: FIRST_ID,
      status: 500,
      errorName: 'InternalError',
      reason: 'database unavailable',
      cause: { name: 'Error', stack: expect.stringContaining('database unavailable') },
    });
  });
});
