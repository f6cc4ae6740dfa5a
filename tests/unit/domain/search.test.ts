import { describe, expect, it } from 'vitest';
import { foldWithOrigins } from '../../../src/domain/fold.ts';
import {
  excerptOf,
  foldForSearch,
  MATCH_RANK,
  matchRanges,
  matchRank,
  parseQuery,
  searchDocOf,
  searchRanked,
  type SearchDoc,
  type TextRange,
} from '../../../src/domain/search.ts';

const doc = (
  fields: Partial<{ title: string; summary: string; policyRef: string; body: string; topic: string }>,
): SearchDoc =>
  searchDocOf({ title: '', summary: '', policyRef: '', body: 'Nội dung.', topic: 'other', ...fields });

const TOPIC_NAMES = { health_insurance: 'Bảo hiểm y tế', land: 'Đất đai', other: 'Khác' };

const rank = (d: SearchDoc, query: string) => matchRank(d, parseQuery(query, TOPIC_NAMES));

/** The marked parts of `text`, as text. */
const marked = (text: string, ranges: TextRange[]) => ranges.map((r) => text.slice(r.start, r.end));

describe('foldForSearch', () => {
  it('folds diacritics and turns punctuation runs into single word breaks', () => {
    expect(foldForSearch('Quyết định 407/QĐ-TTg, ngày 1/4')).toBe('quyet dinh 407 qd ttg ngay 1 4');
    expect(foldForSearch('  —  ')).toBe('');
  });
});

describe('foldWithOrigins', () => {
  it('folds like the search and points each folded unit at the character it came from', () => {
    const text = 'Đà Nẵng';
    const { folded, origins } = foldWithOrigins(text);
    expect(folded).toBe('da nang');
    expect(origins).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('maps a decomposed (NFD) text, whose marks fold to nothing, back to the base letters', () => {
    const text = 'bảo'.normalize('NFD');
    const { folded, origins } = foldWithOrigins(text);
    expect(text.length).toBe(4);
    expect(folded).toBe('bao');
    expect(origins).toEqual([0, 1, 3]);
  });
});

describe('searchDocOf', () => {
  it('pads each field with spaces and keeps the topic code', () => {
    const d = searchDocOf({
      title: 'Đất đai',
      summary: '',
      policyRef: 'Luật Đất đai 2024',
      body: 'Đất đai là tài sản.',
      topic: 'land',
    });
    expect(d).toEqual({
      title: ' dat dai ',
      summary: ' ',
      policyRef: ' luat dat dai 2024 ',
      body: ' dat dai la tai san ',
      topic: 'land',
    });
  });
});

describe('parseQuery', () => {
  it('treats the last word as a prefix while it is being typed', () => {
    expect(parseQuery('bao hiem y t')).toEqual({
      words: ['bao', 'hiem', 'y', 't'],
      lastIsPrefix: true,
      topics: [],
    });
    expect(parseQuery('bao hiem ').lastIsPrefix).toBe(false);
    expect(parseQuery('qd-ttg 407,').lastIsPrefix).toBe(false);
  });

  it('has no words for blank or punctuation-only input', () => {
    expect(parseQuery('   ').words).toEqual([]);
    expect(parseQuery('--/', TOPIC_NAMES)).toEqual({ words: [], lastIsPrefix: false, topics: [] });
  });

  it('names the topics whose name holds every word', () => {
    expect(parseQuery('bao hiem', TOPIC_NAMES).topics).toEqual(['health_insurance']);
    expect(parseQuery('y te bao', TOPIC_NAMES).topics).toEqual(['health_insurance']);
    expect(parseQuery('dat', TOPIC_NAMES).topics).toEqual(['land']);
    expect(parseQuery('bao dat', TOPIC_NAMES).topics).toEqual([]);
  });
});

describe('matchRank', () => {
  const health = doc({
    title: 'Tham gia bảo hiểm y tế theo hộ gia đình',
    summary: 'Mức đóng bảo hiểm y tế hộ gia đình giảm dần từ người thứ hai.',
    policyRef: 'Quyết định 407/QĐ-TTg',
    body: 'Bà con mang thẻ khi đi khám bệnh tại trạm y tế xã.',
    topic: 'health_insurance',
  });

  it('finds a bulletin typed without diacritics, in any case', () => {
    expect(rank(health, 'bao hiem y te')).toBe(MATCH_RANK.titlePhrase);
    expect(rank(health, 'BẢO HIỂM Y TẾ')).toBe(MATCH_RANK.titlePhrase);
    expect(rank(doc({ title: 'Luật Đất đai năm 2024' }), 'dat dai')).toBe(MATCH_RANK.titlePhrase);
  });

  it('ranks title phrase > title words > topic > summary or reference > body', () => {
    expect(rank(health, 'bao hiem y te')).toBe(MATCH_RANK.titlePhrase);
    expect(rank(health, 'gia dinh bao hiem')).toBe(MATCH_RANK.titleWords);
    expect(rank(doc({ title: 'Thu tiền đợt 2', topic: 'health_insurance' }), 'bao hiem')).toBe(
      MATCH_RANK.topic,
    );
    expect(rank(health, 'muc dong')).toBe(MATCH_RANK.summaryOrRef);
    expect(rank(health, '407 qd ttg')).toBe(MATCH_RANK.summaryOrRef);
    expect(rank(health, 'qd-ttg 407')).toBe(MATCH_RANK.summaryOrRef);
    expect(rank(health, 'kham benh')).toBe(MATCH_RANK.body);
  });

  it('needs every word in one field: words spread over fields do not match', () => {
    const flood = doc({
      title: 'Cảnh báo lũ quét, sạt lở đất',
      summary: 'Bà con các khu vực nguy hiểm cần di chuyển đến nơi an toàn.',
      body: 'Do ảnh hưởng của hoàn lưu bão, mưa to kéo dài.',
      topic: 'disaster_preparedness',
    });
    expect(rank(flood, 'bao hiem')).toBe(MATCH_RANK.none);
    expect(rank(health, 'tham gia kham benh')).toBe(MATCH_RANK.none);
    expect(rank(health, 'nguoi thu hai quyet dinh')).toBe(MATCH_RANK.none);
  });

  it('finds the words of the summary and the body only one after the other, as typed', () => {
    const procedures = doc({
      title: 'Làm thủ tục hành chính trực tuyến',
      summary: 'Không phải đi lại nhiều lần.',
      body: 'Giảm hiểm họa đi đường, bảo đảm nhanh. Cấp thẻ bảo hiểm y tế cho trẻ em.',
    });
    expect(rank(procedures, 'bao hiem')).toBe(MATCH_RANK.body);
    expect(rank(procedures, 'hiem bao')).toBe(MATCH_RANK.none);
    expect(rank(doc({ body: 'Nước dâng cao, nguy hiểm. Đề phòng bão lớn.' }), 'bao hiem')).toBe(
      MATCH_RANK.none,
    );
    expect(rank(health, 'gia dinh muc dong')).toBe(MATCH_RANK.none);
  });

  it('matches the last word as a word start, every other word whole', () => {
    expect(rank(health, 'bao hiem y t')).toBe(MATCH_RANK.titlePhrase);
    expect(rank(health, 'bao hiem y t ')).toBe(MATCH_RANK.none);
    expect(rank(health, 'bao hie y te')).toBe(MATCH_RANK.none);
    expect(rank(health, 'kha')).toBe(MATCH_RANK.body);
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
    { name: 'other', d: doc({ title: 'Phòng chống bão', body: 'Nơi nguy hiểm, y tế xã.' }) },
    { name: 'topic', d: doc({ title: 'Thu tiền đợt 2', topic: 'health_insurance' }) },
    { name: 'phrase 2', d: doc({ title: 'Gia hạn bảo hiểm y tế' }) },
    { name: 'summary', d: doc({ title: 'Thông báo', summary: 'Thu bảo hiểm y tế đợt 2' }) },
  ];

  it('orders by rank and keeps the list order within a rank', () => {
    const query = parseQuery('bao hiem y te', TOPIC_NAMES);
    expect(searchRanked(items, (i) => i.d, query).map((i) => i.name)).toEqual([
      'phrase 1',
      'phrase 2',
      'title words',
      'topic',
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

describe('matchRanges', () => {
  it('marks "bảo hiểm" with its diacritics for the query "bao hiem", as one range', () => {
    const title = 'Tham gia bảo hiểm y tế theo hộ gia đình';
    expect(marked(title, matchRanges(title, parseQuery('bao hiem')))).toEqual(['bảo hiểm']);
    expect(marked(title, matchRanges(title, parseQuery('bao hiem y t')))).toEqual(['bảo hiểm y tế']);
  });

  it('maps matches back onto a decomposed (NFD) text and onto đ', () => {
    const nfd = 'Thẻ bảo hiểm y tế'.normalize('NFD');
    expect(marked(nfd, matchRanges(nfd, parseQuery('bao hiem ')))).toEqual(['bảo hiểm'.normalize('NFD')]);
    const land = 'Luật Đất đai: đăng ký đất đai lần đầu';
    expect(marked(land, matchRanges(land, parseQuery('dat dai')))).toEqual(['Đất đai', 'đất đai']);
    expect(marked(land, matchRanges(land, parseQuery('dang ky ')))).toEqual(['đăng ký']);
  });

  it('marks each word, joined across spaces and punctuation, when the phrase is not there', () => {
    const title = 'Tham gia bảo hiểm y tế theo hộ gia đình';
    expect(marked(title, matchRanges(title, parseQuery('gia dinh bao hiem')))).toEqual([
      'gia bảo hiểm',
      'gia đình',
    ]);
    const ref = 'Quyết định 407/QĐ-TTg';
    expect(marked(ref, matchRanges(ref, parseQuery('qd-ttg 407')))).toEqual(['407/QĐ-TTg']);
  });

  it('marks nothing inside a word or when the query is empty', () => {
    expect(matchRanges('Cảnh báo nguy hiểm', parseQuery('iem'))).toEqual([]);
    expect(matchRanges('Cảnh báo', parseQuery(' '))).toEqual([]);
  });
});

describe('excerptOf', () => {
  const body =
    'Kính thưa bà con! Từ ngày 1/7, người dân có thể làm nhiều thủ tục ngay tại nhà trên Cổng Dịch vụ công quốc gia. ' +
    'Các thủ tục liên thông gồm đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi. ' +
    'Bà con cần tài khoản định danh điện tử mức độ 2.';

  it('cuts a short piece around the first match at spaces, with the match marked', () => {
    const excerpt = excerptOf(body, parseQuery('bao hiem'), 100);
    expect(excerpt).not.toBeNull();
    if (!excerpt) return;
    expect(marked(excerpt.text, excerpt.marks)).toEqual(['bảo hiểm']);
    expect(excerpt.cutBefore).toBe(true);
    expect(excerpt.cutAfter).toBe(true);
    expect(excerpt.text.length).toBeLessThanOrEqual(100);
    expect(excerpt.text.startsWith(' ')).toBe(false);
    expect(body.includes(excerpt.text)).toBe(true);
  });

  it('starts at the beginning when the match is near it, and is null without a match', () => {
    const excerpt = excerptOf(body, parseQuery('kinh thua'));
    expect(excerpt?.cutBefore).toBe(false);
    expect(excerpt && marked(excerpt.text, excerpt.marks)).toEqual(['Kính thưa']);
    expect(excerptOf(body, parseQuery('that nghiep'))).toBeNull();
  });
});
