/**
 * The evidence survey (abi/evidence.ts): its rows are consistent, every call replays to a status on every preset,
 * and the answers docs/EVIDENCE.md states for calls whose outcome the contract fixes are the contract's.
 */
import { POLICY_PRESETS, type PolicyPresetName } from '../../abi/policy';
import { SURVEY_CALLS, SURVEY_QUESTIONS, SURVEYED_CLIENTS } from '../../abi/evidence';
import { replaySurveyCall } from '../../src/docs/evidence-doc';

const PRESETS = Object.keys(POLICY_PRESETS) as PolicyPresetName[];

describe('abi/evidence.ts', () => {
  it('ids are unique and every row names a surveyed client, a path and a line', () => {
    const ids = SURVEY_CALLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of SURVEY_CALLS) {
      expect(Object.keys(SURVEYED_CLIENTS)).toContain(c.client);
      expect(c.id.startsWith(`${c.client}/`)).toBe(true);
      expect(c.line).toBeGreaterThan(0);
      expect(c.path).not.toBe('');
    }
    for (const cl of Object.values(SURVEYED_CLIENTS)) expect(cl.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('a client depends on success exactly when a failure is fatal or returned to its caller', () => {
    for (const c of SURVEY_CALLS) expect([c.id, c.dependsOnSuccess]).toEqual([c.id, c.statusUse === 'fatal' || c.statusUse === 'propagated']);
  });

  it('every open question names surveyed calls', () => {
    const ids = new Set(SURVEY_CALLS.map((c) => c.id));
    for (const q of SURVEY_QUESTIONS) for (const id of q.calls) expect([q.id, ids.has(id)]).toEqual([q.id, true]);
  });

  it.each(PRESETS)('every call replays to a status under %s (no fault, no failed setup)', (preset) => {
    for (const c of SURVEY_CALLS) {
      const a = replaySurveyCall(c, preset);
      expect([c.id, a.result]).toEqual([c.id, expect.stringMatching(/^STATUS_/)]);
    }
  });
});

describe('answers the contract fixes', () => {
  const answer = (id: string, preset: PolicyPresetName) => replaySurveyCall(SURVEY_CALLS.find((c) => c.id === id)!, preset);
  it('documented forms succeed under strict: SO_WSK_EVENT_CALLBACK enable without an IRP, IPV6_V6ONLY before bind, WskBind of a wildcard', () => {
    expect(answer('ovpn-dco-win/event-callback-receive-from', 'strict').result).toBe('STATUS_SUCCESS');
    expect(answer('echosrv/set-ipv6-v6only', 'strict').result).toBe('STATUS_SUCCESS');
    expect(answer('echosrv/bind', 'strict').result).toBe('STATUS_SUCCESS');
  });
  it('strict refuses an OutputSizeReturned on a Set (check 10), an enable with an IRP, and SO_REUSEADDR after bind (check 12)', () => {
    expect(answer('msquic/set-ipv6-v6only', 'strict')).toMatchObject({ result: 'STATUS_INVALID_PARAMETER', rule: 'unused-args-null' });
    expect(answer('windrbd/event-callback-accept', 'strict')).toMatchObject({ result: 'STATUS_INVALID_PARAMETER', rule: 'event-callback-enable-irp' });
    expect(answer('wdrbd/reuseaddr-connected', 'strict')).toMatchObject({ result: 'STATUS_INVALID_DEVICE_STATE', rule: 'timing' });
  });
});
