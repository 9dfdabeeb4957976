/**
 * The fuzz world's record of the case's cached security descriptors (src/fuzz/observation.ts World): what the CHECK
 * invariants consult to judge a sharing cell. A descriptor the case did not cache is unknown (null), descriptor 0 allows
 * no one, a handle cached again takes its new principals, and a new case starts with none.
 */
import { World } from '../../src/fuzz/observation';

describe('World: cached descriptors', () => {
  test('a cached descriptor allows exactly its principals; 0 allows no one; another handle is unknown', () => {
    const w = new World();
    w.reset('wsk');
    w.addDescriptor(1, ['alice', 'bob']);
    w.addDescriptor(2, []);
    expect(w.allows(1, 'alice')).toBe(true);
    expect(w.allows(1, 'bob')).toBe(true);
    expect(w.allows(1, 'carol')).toBe(false);
    expect(w.allows(2, 'alice')).toBe(false);
    expect(w.allows(0, 'alice')).toBe(false);
    expect(w.allows(3, 'alice')).toBeNull();
  });

  test('a handle cached again takes the new principals', () => {
    const w = new World();
    w.reset('wsk');
    w.addDescriptor(1, ['alice']);
    w.addDescriptor(1, ['bob']);
    expect(w.allows(1, 'alice')).toBe(false);
    expect(w.allows(1, 'bob')).toBe(true);
  });

  test('reset forgets every descriptor of the previous case', () => {
    const w = new World();
    w.reset('wsk');
    w.addDescriptor(1, ['alice']);
    w.addDescriptor(4, ['bob']);
    w.reset('winsock');
    expect(w.allows(1, 'alice')).toBeNull();
    expect(w.allows(4, 'bob')).toBeNull();
    w.addDescriptor(4, ['carol']);
    expect(w.allows(4, 'carol')).toBe(true);
    expect(w.allows(1, 'alice')).toBeNull();
  });
});
