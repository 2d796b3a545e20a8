import { EntryWordModel } from '../../knowledge/wordModel';

describe('EntryWordModel', () => {
  const model = new EntryWordModel(
    new Map([
      ['event.date', [['launch', 'date'], ['when', 'launch'], ['launch', 'day']]],
      ['event.speakers', [['launch', 'speaker'], ['who', 'spoke', 'launch']]],
      ['risks.grooming', [['grooming'], ['adult', 'groom', 'child']]],
    ]),
  );
  const words = (...list: string[]) => new Map(list.map((word) => [word, 1]));

  it('gives a probability per entry that sums to 1', () => {
    const posterior = model.posterior(words('launch', 'date'));
    expect([...posterior.keys()].sort()).toEqual(['event.date', 'event.speakers', 'risks.grooming']);
    expect([...posterior.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('lets a word typical of one entry decide between entries that share another', () => {
    expect(top(model.posterior(words('launch', 'speaker')))).toBe('event.speakers');
    expect(top(model.posterior(words('launch', 'day')))).toBe('event.date');
  });

  it('favours the entry that uses a shared word most often', () => {
    const posterior = model.posterior(words('launch'));
    expect(posterior.get('event.date')).toBeGreaterThan(posterior.get('event.speakers') ?? 1);
    expect(posterior.get('event.speakers')).toBeGreaterThan(posterior.get('risks.grooming') ?? 1);
  });

  it('counts a spelling correction for less than the word itself', () => {
    const sure = model.posterior(new Map([['grooming', 1], ['launch', 1]]));
    const unsure = model.posterior(new Map([['grooming', 0.2], ['launch', 1]]));
    expect(unsure.get('risks.grooming')).toBeLessThan(sure.get('risks.grooming') ?? 0);
  });

  it('says nothing about words it never saw', () => {
    expect(model.posterior(words('weather', 'geneva')).size).toBe(0);
    expect(model.posterior(new Map()).size).toBe(0);
  });
});

function top(posterior: Map<string, number>): string | undefined {
  return [...posterior.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
