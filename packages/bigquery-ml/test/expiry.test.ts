import { moveExpiry, type DatasetObject, type DatasetObjects } from '../src/expiry';

/** A dataset's tables and models in memory, recording each expiration change. */
function dataset(objects: DatasetObject[]): DatasetObjects & { changes: string[] } {
  const changes: string[] = [];
  return {
    changes,
    list: async () => objects,
    setExpiration: async (object, at) => {
      changes.push(`${object.kind} ${object.id} -> ${at.toISOString()}`);
    },
  };
}

describe('moveExpiry (labs extend on GCP)', () => {
  const old = new Date('2026-12-04T12:00:00Z');
  const next = new Date('2026-12-04T15:00:00Z');

  it('moves every existing table and model to the new expiry, those that never expired included', async () => {
    const objects = dataset([
      { kind: 'table', id: 'visitor_features', expiresAt: old },
      { kind: 'model', id: 'classification_model', expiresAt: old },
      { kind: 'model', id: 'classification_model_2' },
    ]);
    const move = await moveExpiry(objects, next);
    expect(objects.changes).toEqual([
      'table visitor_features -> 2026-12-04T15:00:00.000Z',
      'model classification_model -> 2026-12-04T15:00:00.000Z',
      'model classification_model_2 -> 2026-12-04T15:00:00.000Z',
    ]);
    expect(move.moved).toHaveLength(3);
  });

  it('leaves objects that already expire then, and an empty dataset, alone', async () => {
    const objects = dataset([{ kind: 'table', id: 't', expiresAt: next }]);
    expect(await moveExpiry(objects, next)).toEqual({ moved: [], unchanged: [{ kind: 'table', id: 't', expiresAt: next }] });
    expect(objects.changes).toEqual([]);
    expect(await moveExpiry(dataset([]), next)).toEqual({ moved: [], unchanged: [] });
  });
});
