import { describe, expect, it } from 'vitest';
import { catalogue, t } from '../src/core/i18n/index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('has every key in Korean and English, with the same placeholders', () => {
    const en = Object.keys(catalogue.en).sort();
    expect(Object.keys(catalogue.ko).sort()).toEqual(en);
    for (const key of en as (keyof typeof catalogue.en)[]) {
      expect(catalogue.ko[key].trim(), key).not.toBe('');
      expect(placeholders(catalogue.ko[key]), key).toEqual(placeholders(catalogue.en[key]));
    }
  });

  it('says one and many the way each language does', () => {
    const row = (replies: number) =>
      t('en', 'leaderboard.row', { rank: 1, name: 'Ana', replies, votes: 0, streak: 1 });
    expect(row(1)).toBe('1. Ana · 1 answer · 0 👍 · 1 in a row');
    expect(row(2)).toBe('1. Ana · 2 answers · 0 👍 · 1 in a row');
    expect(row(0)).toBe('1. Ana · 0 answers · 0 👍 · 1 in a row');
    // Korean counts without a plural: one form for every number.
    expect(
      t('ko', 'leaderboard.row', { rank: 1, name: '민지', replies: 1, votes: 0, streak: 1 }),
    ).toBe('1. 민지 · 답변 1개 · 👍 0개 · 1회 연속');
    expect(t('en', 'ask.channelCap', { n: 1, wait: '5 min' })).toContain(
      'had 1 practice question in',
    );
    expect(t('en', 'ask.channelCap', { n: 6, wait: '5 min' })).toContain('6 practice questions');
    // Korean needs no plural forms.
    for (const [key, text] of Object.entries(catalogue.ko))
      expect(text, key).not.toMatch(/\{\w+\|/);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'vote.recorded', { n: 3 })).toBe('Vote counted for answer #3.');
    expect(t('ko', 'vote.recorded', { n: 3 })).toBe('답변 #3에 투표했습니다.');
    expect(t('en', 'vote.recorded')).toBe('Vote counted for answer #{n}.');
  });
});
