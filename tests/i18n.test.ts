import { describe, expect, it } from 'vitest';
import { catalogue, t } from '../src/i18n/index.ts';

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

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'vote.recorded', { n: 3 })).toBe('Vote counted for answer #3.');
    expect(t('ko', 'vote.recorded', { n: 3 })).toBe('답변 #3에 투표했습니다.');
    expect(t('en', 'vote.recorded')).toBe('Vote counted for answer #{n}.');
  });
});
