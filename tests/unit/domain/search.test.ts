import { describe, expect, it } from 'vitest';
import {
  foldForSearch,
  MATCH_RANK,
  matchRank,
  parseQuery,
  searchDocOf,
  searchRanked,
  type SearchDoc,
} from '../../../src/domain/search.ts';

const doc = (
  fields: Partial<{ title: string; summary: string; policyRef: string; body: string }>,
): SearchDoc => searchDocOf({ title: '', summary: '', policyRef: '', body: 'Nội dung.', ...fields });

const rank = (d: SearchDoc, query: string) => matchRank(d, parseQuery(query));

describe('foldForSearch', () => {
  it('folds diacritics and turns punctuation runs into single word breaks', () => {
    expect(foldForSearch('Quyết định 407/QĐ-TTg, ngày 1/4')).toBe('quyet dinh 407 qd ttg ngay 1 4');
    expect(foldForSearch('  —  ')).toBe('');
  });
});

describe('searchDocOf', () => {
  it('pads each field with spaces and keeps every distinct word of all fields once', () => {
    const d = searchDocOf({
      title: 'Đất đai',
      summary: '',
      policyRef: 'Luật Đất đai 2024',
      body: 'Đất đai là tài sản.',
    });
    expect(d.title).toBe(' dat dai ');
    expect(d.summary).toBe(' ');
    expect(d.words).toBe(' dat dai luat 2024 la tai san ');
  });
});

describe('parseQuery', () => {
  it('treats the last word as a prefix while it is being typed', () => {
    expect(parseQuery('bao hiem y t')).toEqual({ words: ['bao', 'hiem', 'y', 't'], lastIsPrefix: true });
    expect(parseQuery('bao hiem ')).toEqual({ words: ['bao', 'hiem'], lastIsPrefix: false });
    expect(parseQuery('qd-ttg 407,').lastIsPrefix).toBe(false);
  });

  it('has no words for blank or punctuation-only input', () => {
    expect(parseQuery('   ').words).toEqual([]);
    expect(parseQuery('--/').words).toEqual([]);
  });
});

describe('matchRank', () => {
  const health = doc({
    title: 'Tham gia bảo hiểm y tế theo hộ gia đình',
    summary: 'Mức đóng bảo hiểm y tế hộ gia đình giảm dần từ người thứ hai.',
    policyRef: 'Quyết định 407/QĐ-TTg',
    body: 'Bà con mang thẻ khi đi khám bệnh tại trạm y tế xã.',
  });

  it('finds a bulletin typed without diacritics, in any case', () => {
    expect(rank(health, 'bao hiem y te')).toBe(MATCH_RANK.titlePhrase);
    expect(rank(health, 'BẢO HIỂM Y TẾ')).toBe(MATCH_RANK.titlePhrase);
    expect(rank(doc({ title: 'Luật Đất đai năm 2024' }), 'dat dai')).toBe(MATCH_RANK.titlePhrase);
  });

  it('ranks title phrase > title words > summary or reference > elsewhere', () => {
    expect(rank(health, 'bao hiem y te')).toBe(MATCH_RANK.titlePhrase);
    expect(rank(health, 'gia dinh bao hiem')).toBe(MATCH_RANK.titleWords);
    expect(rank(health, 'muc dong')).toBe(MATCH_RANK.summaryOrRefPhrase);
    expect(rank(health, '407 qd ttg')).toBe(MATCH_RANK.summaryOrRefPhrase);
    expect(rank(health, 'qd-ttg 407')).toBe(MATCH_RANK.summaryOrRefWords);
    expect(rank(health, 'nguoi thu hai quyet dinh')).toBe(MATCH_RANK.summaryOrRefWords);
    expect(rank(health, 'kham benh')).toBe(MATCH_RANK.elsewhere);
    expect(rank(health, 'tham gia kham benh')).toBe(MATCH_RANK.elsewhere);
  });

  it('matches the last word as a word start, every other word whole', () => {
    expect(rank(health, 'bao hiem y t')).toBe(MATCH_RANK.titlePhrase);
    expect(rank(health, 'bao hiem y t ')).toBe(MATCH_RANK.none);
    expect(rank(health, 'bao hie y te')).toBe(MATCH_RANK.none);
    expect(rank(health, 'kha')).toBe(MATCH_RANK.elsewhere);
  });

  it('never matches inside a word', () => {
    expect(rank(health, 'iem')).toBe(MATCH_RANK.none);
    expect(rank(health, 'ttg4')).toBe(MATCH_RANK.none);
  });

  it('needs every word', () => {
    expect(rank(health, 'bao hiem that nghiep')).toBe(MATCH_RANK.none);
  });
});

describe('searchRanked', () => {
  const items = [
    { name: 'body', d: doc({ title: 'Khám sức khỏe', body: 'Mang theo thẻ bảo hiểm y tế.' }) },
    { name: 'title words', d: doc({ title: 'Y tế: bảo hiểm cho học sinh' }) },
    { name: 'phrase 1', d: doc({ title: 'Bảo hiểm y tế học sinh' }) },
    { name: 'other', d: doc({ title: 'Phòng chống bão' }) },
    { name: 'phrase 2', d: doc({ title: 'Gia hạn bảo hiểm y tế' }) },
    { name: 'summary', d: doc({ title: 'Thông báo', summary: 'Thu bảo hiểm y tế đợt 2' }) },
  ];

  it('orders by rank and keeps the list order within a rank', () => {
    expect(searchRanked(items, (i) => i.d, parseQuery('bao hiem y te')).map((i) => i.name)).toEqual([
      'phrase 1',
      'phrase 2',
      'title words',
      'summary',
      'body',
    ]);
  });

  it('returns every item, in order, for a query without words', () => {
    expect(searchRanked(items, (i) => i.d, parseQuery(' ')).map((i) => i.name)).toEqual(
      items.map((i) => i.name),
    );
  });
});
