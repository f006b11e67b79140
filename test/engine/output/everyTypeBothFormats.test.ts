// Every evidence type the engine knows is written in both alerts.json formats with the fields of
// slips-behaviour.md 5.3, whatever the kind of attacker (IP, domain, URL, MAC) and with or without a victim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVIDENCE_TYPES } from '../../../engine/evidence/evidenceTypes';
import type { Party, ThreatLevel } from '../../../engine/evidence/types';
import { IDEA_CATEGORIES, ideaEvent } from '../../../engine/output/idea0';
import { idmefEvent } from '../../../engine/output/idmefv2';
import { evidence, FIXED_NOW } from './fixtures';

const ATTACKERS: Party[] = [
  { direction: 'SRC', iocType: 'IP', value: '10.0.0.5' },
  { direction: 'DST', iocType: 'IP', value: '2001:db8::7' },
  { direction: 'DST', iocType: 'DOMAIN', value: 'c2.example' },
  { direction: 'DST', iocType: 'URL', value: 'http://c2.example/payload.exe' },
  { direction: 'SRC', iocType: 'MAC', value: 'aa:bb:cc:dd:ee:ff' },
];
const VICTIMS: (Party | undefined)[] = [
  undefined,
  { direction: 'DST', iocType: 'IP', value: '93.184.216.34' },
];
const LEVELS: ThreatLevel[] = ['info', 'low', 'medium', 'high', 'critical'];
const SEVERITY = { info: 'Info', low: 'Low', medium: 'Medium', high: 'High', critical: 'High' } as const;

function* cases() {
  let i = 0;
  for (const type of EVIDENCE_TYPES)
    for (const attacker of ATTACKERS)
      for (const victim of VICTIMS) {
        const threatLevel = LEVELS[i++ % LEVELS.length]!;
        yield evidence({
          evidenceType: type,
          attacker,
          victim,
          threatLevel,
          description: `${type} happened.`,
        });
      }
}

test('IDEA0: every evidence type and party kind gives a complete message', () => {
  let n = 0;
  for (const e of cases()) {
    const m = JSON.parse(JSON.stringify(ideaEvent(e, FIXED_NOW)));
    const what = `${e.evidenceType} ${e.attacker.iocType}${e.victim ? ' with victim' : ''}`;
    assert.equal(m.Format, 'IDEA0', what);
    assert.equal(m.ID, e.id, what);
    assert.ok(m.DetectTime && m.EventTime, what);
    assert.ok(Array.isArray(m.Category) && m.Category.length > 0, what);
    for (const c of m.Category)
      assert.ok((IDEA_CATEGORIES as readonly string[]).includes(c), `${what}: ${c}`);
    assert.equal(m.Confidence, e.confidence, what);
    const parties = [...(m.Source ?? []), ...(m.Target ?? [])];
    assert.ok(parties.length > 0, `${what}: no Source or Target`);
    const values = parties.flatMap((p: Record<string, unknown>) =>
      ['IP4', 'IP6', 'MAC', 'Hostname', 'URL'].flatMap((k) => (p[k] as string[] | undefined) ?? []),
    );
    assert.ok(values.includes(e.attacker.value), `${what}: attacker ${e.attacker.value} missing`);
    assert.ok(
      (m.Attach ?? []).some((a: Record<string, unknown>) => a.Content === e.description),
      `${what}: description not attached`,
    );
    n++;
  }
  assert.equal(n, EVIDENCE_TYPES.length * ATTACKERS.length * VICTIMS.length);
});

test('IDMEFv2: every evidence type and party kind gives a complete Event', () => {
  for (const e of cases()) {
    const m = JSON.parse(JSON.stringify(idmefEvent(e, 1.5, FIXED_NOW)));
    const what = `${e.evidenceType} ${e.attacker.iocType}${e.victim ? ' with victim' : ''}`;
    assert.equal(m.Version, '2.0.3', what);
    assert.equal(m.Status, 'Event', what);
    assert.equal(m.Analyzer.Name, 'Slips', what);
    assert.equal(m.ID, e.id, what);
    assert.equal(m.Severity, SEVERITY[e.threatLevel], what);
    assert.ok(m.StartTime && m.CreateTime, what);
    assert.equal(m.Confidence, e.confidence, what);
    assert.equal(m.Description, e.description, what);
    const parties = [...(m.Source ?? []), ...(m.Target ?? [])];
    const values = parties.flatMap((p: Record<string, unknown>) =>
      ['IP', 'Hostname', 'URL', 'MAC'].map((k) => p[k]).filter((v) => v !== undefined),
    );
    // A MAC has no IDMEF address field of its own: it travels in the party's Note.
    const found =
      e.attacker.iocType === 'MAC'
        ? JSON.stringify(parties).includes(e.attacker.value)
        : values.includes(e.attacker.value);
    assert.ok(found, `${what}: attacker ${e.attacker.value} missing in ${JSON.stringify(parties)}`);
    const note = JSON.parse(m.Note);
    assert.deepEqual(note.uids, e.uids, what);
    assert.equal(note.timewindow, e.timewindow.number, what);
  }
});
