import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_LENGTH, splitSentences, type Sentence } from '../../../src/domain/sentences.ts';
import { demoBulletins } from '../../../src/server/demo/demo-bulletins.ts';

function texts(text: string, max?: number): string[] {
  return splitSentences(text, max).map((s) => s.text);
}

/** Ranges point into the source, are ordered, do not overlap and together hold every non-space character. */
function expectFaithful(source: string, sentences: Sentence[]): void {
  let previousEnd = 0;
  for (const s of sentences) {
    expect(s.text).toBe(source.slice(s.start, s.end));
    expect(s.text).toBe(s.text.trim());
    expect(s.start).toBeGreaterThanOrEqual(previousEnd);
    expect(source.slice(previousEnd, s.start).trim()).toBe('');
    previousEnd = s.end;
  }
  expect(source.slice(previousEnd).trim()).toBe('');
  expect(
    sentences
      .map((s) => s.text)
      .join('')
      .replace(/\s+/g, ''),
  ).toBe(source.replace(/\s+/g, ''));
}

describe('splitSentences: where sentences end', () => {
  it('splits on . ! ? … and ; followed by a space', () => {
    expect(
      texts('Thông báo khẩn! Bà con đã nghe chưa? Bão đang đến… Hãy chằng chống nhà cửa; sơ tán người già.'),
    ).toEqual([
      'Thông báo khẩn!',
      'Bà con đã nghe chưa?',
      'Bão đang đến…',
      'Hãy chằng chống nhà cửa;',
      'sơ tán người già.',
    ]);
  });

  it('keeps a run of stops and closing quotes with the sentence they end', () => {
    expect(
      texts('Ông trưởng thôn nhắc: "Phải sơ tán ngay!" Mọi người làm theo. Thật sao?! Đúng vậy...'),
    ).toEqual([
      'Ông trưởng thôn nhắc: "Phải sơ tán ngay!"',
      'Mọi người làm theo.',
      'Thật sao?!',
      'Đúng vậy...',
    ]);
    expect(texts('(Xem hướng dẫn tại trụ sở xã.) Hạn cuối là thứ Sáu.')).toEqual([
      '(Xem hướng dẫn tại trụ sở xã.)',
      'Hạn cuối là thứ Sáu.',
    ]);
  });

  it('carries on when the next word starts in lower case', () => {
    expect(texts('Mang theo giấy tờ, thuốc men v.v. và đèn pin. Đi ngay.')).toEqual([
      'Mang theo giấy tờ, thuốc men v.v. và đèn pin.',
      'Đi ngay.',
    ]);
    expect(texts('Chúng ta chờ… rồi đi tiếp. Xong.')).toEqual(['Chúng ta chờ… rồi đi tiếp.', 'Xong.']);
  });

  it('ends a sentence after "v.v." and "Bà." when a new sentence follows', () => {
    expect(texts('Cần mang lúa, ngô, khoai v.v. Người dân đến sớm.')).toEqual([
      'Cần mang lúa, ngô, khoai v.v.',
      'Người dân đến sớm.',
    ]);
    expect(texts('Con cháu phải chăm sóc ông bà. Bà con chú ý.')).toEqual([
      'Con cháu phải chăm sóc ông bà.',
      'Bà con chú ý.',
    ]);
  });

  it('does not split after abbreviations, titles and initials', () => {
    const cases = [
      'Đoàn công tác của TP. Hồ Chí Minh đã đến xã.',
      'Học sinh về Tp. Hà Nội dự thi.',
      'Đường từ TX. Sơn Tây đi xã Ba Vì đã thông.',
      'Trụ sở ở Q. 1, P. Bến Nghé.',
      'Báo cáo viên là ThS. Nguyễn Văn An.',
      'Người hướng dẫn là PGS. TS. Trần Thị Bình.',
      'GS. Lê Văn Cường phát biểu.',
      'Xã mời BS. Phạm Thu Hà khám bệnh.',
      'Tham dự có Th.S Hoàng Minh.',
      'Đại diện gia đình là Ô. Nguyễn Văn A. Hôm nay vắng mặt.',
      'Liên hệ ĐT. 0912 345 678 để được hỗ trợ.',
      'Tài liệu tr. 15 nói rõ.',
      'Trao quà cho TT. Phố Ràng và xã lân cận.',
    ];
    for (const sentence of cases) expect(texts(sentence), sentence).toEqual([sentence]);
  });

  it('keeps numbers, dates, times and decimals whole', () => {
    const cases = [
      'Mức hỗ trợ là 1.500.000 đồng mỗi hộ.',
      'Lượng mưa tăng 3.5 lần so với cùng kỳ.',
      'Lãi suất giảm còn 3,5 phần trăm.',
      'Hạn nộp hồ sơ là ngày 15.11.2026 tại trụ sở xã.',
      'Buổi họp bắt đầu lúc 17.00 tại nhà văn hóa.',
      'Giờ làm việc từ 7:30 đến 17:00.',
    ];
    for (const sentence of cases) expect(texts(sentence), sentence).toEqual([sentence]);
    expect(texts('Kế hoạch thực hiện trong năm 2025. Người dân theo dõi.')).toEqual([
      'Kế hoạch thực hiện trong năm 2025.',
      'Người dân theo dõi.',
    ]);
  });

  it('keeps legal references whole and ends the sentence after them', () => {
    expect(
      texts(
        'Thực hiện Quyết định số 407/QĐ-TTg của Thủ tướng Chính phủ. Nghị định 30/2020/NĐ-CP quy định thể thức văn bản. Căn cứ Luật số 31/2024/QH15.',
      ),
    ).toEqual([
      'Thực hiện Quyết định số 407/QĐ-TTg của Thủ tướng Chính phủ.',
      'Nghị định 30/2020/NĐ-CP quy định thể thức văn bản.',
      'Căn cứ Luật số 31/2024/QH15.',
    ]);
    expect(texts('Theo Quyết định 407/QĐ-TTg. Từ nay bà con được hỗ trợ.')).toEqual([
      'Theo Quyết định 407/QĐ-TTg.',
      'Từ nay bà con được hỗ trợ.',
    ]);
  });

  it('keeps URLs and e-mail addresses whole', () => {
    expect(
      texts(
        'Nộp hồ sơ tại https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?lang=vi trước ngày 30. Hỏi qua ubnd.taphin@laocai.gov.vn. Cảm ơn bà con.',
      ),
    ).toEqual([
      'Nộp hồ sơ tại https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?lang=vi trước ngày 30.',
      'Hỏi qua ubnd.taphin@laocai.gov.vn.',
      'Cảm ơn bà con.',
    ]);
  });

  it('treats list markers and headings at the start of a line as part of their line', () => {
    const text =
      'Nội dung chính:\n1. Đối tượng được hỗ trợ.\n2. Mức hỗ trợ.\nĐiều 3. Phạm vi điều chỉnh\nII. Tổ chức thực hiện';
    expect(texts(text)).toEqual([
      'Nội dung chính:',
      '1. Đối tượng được hỗ trợ.',
      '2. Mức hỗ trợ.',
      'Điều 3. Phạm vi điều chỉnh',
      'II. Tổ chức thực hiện',
    ]);
    expect(texts('Việc này quy định tại Điều 3. Người dân cần nắm rõ.')).toEqual([
      'Việc này quy định tại Điều 3.',
      'Người dân cần nắm rõ.',
    ]);
  });

  it('ends a piece at a paragraph break, and at a line break unless the next line carries on', () => {
    expect(texts('THÔNG BÁO KHẨN\nKính thưa bà con\n\nBão số 14 đang đến gần')).toEqual([
      'THÔNG BÁO KHẨN',
      'Kính thưa bà con',
      'Bão số 14 đang đến gần',
    ]);
    expect(texts('Đề nghị bà con\nkhẩn trương chằng chống nhà cửa.\r\n\r\nXin cảm ơn.')).toEqual([
      'Đề nghị bà con\nkhẩn trương chằng chống nhà cửa.',
      'Xin cảm ơn.',
    ]);
  });

  it('joins punctuation-only pieces to the sentence before them', () => {
    expect(texts('Hết tin.\n* * *\nTin tiếp theo.')).toEqual(['Hết tin.\n* * *', 'Tin tiếp theo.']);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n\t ')).toEqual([]);
  });

  it('reports ranges into the original text', () => {
    const source = '  Thông báo!  Bão số 14.\n\nHết.  ';
    const sentences = splitSentences(source);
    expect(sentences).toEqual([
      { text: 'Thông báo!', start: 2, end: 12 },
      { text: 'Bão số 14.', start: 14, end: 24 },
      { text: 'Hết.', start: 26, end: 30 },
    ]);
    expectFaithful(source, sentences);
  });
});

describe('splitSentences: long sentences', () => {
  const long =
    'Thực hiện công điện của Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn tỉnh, Ban Chỉ huy huyện đề nghị: chủ tàu thuyền đang hoạt động trên biển khẩn trương vào nơi tránh trú an toàn, không ra khơi khi chưa có thông báo mới, các hộ dân chằng chống nhà cửa, chặt tỉa cây cao gần nhà, gia cố chuồng trại, thu hoạch sớm lúa, hoa màu, tôm cá đã đến kỳ thu hoạch, dự trữ lương thực, nước uống, thuốc men, đèn pin đủ dùng ít nhất ba ngày.';

  it('cuts at the last comma, semicolon or colon before the limit', () => {
    const sentences = splitSentences(long);
    expect(sentences.length).toBeGreaterThan(1);
    for (const s of sentences.slice(0, -1)) expect(s.text).toMatch(/[,;:]$/);
    for (const s of sentences) expect(s.text.length).toBeLessThanOrEqual(MAX_SENTENCE_LENGTH);
    expectFaithful(long, sentences);
  });

  it('uses the last comma that fits, leaving pieces close to the limit', () => {
    const [first] = splitSentences(long);
    expect(first?.text.length).toBeGreaterThan(MAX_SENTENCE_LENGTH - 40);
  });

  it('honours a smaller limit and never cuts inside a word', () => {
    const sentences = splitSentences(long, 60);
    for (const s of sentences) {
      expect(s.text.length).toBeLessThanOrEqual(60);
      expect(long[s.start - 1] ?? ' ').toMatch(/\s/);
      expect(long[s.end] ?? ' ').toMatch(/\s/);
    }
    expectFaithful(long, sentences);
  });

  it('falls back to a space when the sentence has no comma', () => {
    const words = Array.from({ length: 80 }, (_, i) => `từ${i}`).join(' ') + '.';
    const sentences = splitSentences(words);
    expect(sentences.length).toBe(2);
    for (const s of sentences) expect(s.text.length).toBeLessThanOrEqual(MAX_SENTENCE_LENGTH);
    expectFaithful(words, sentences);
  });

  it('keeps a spaced dash as a place to pause', () => {
    const text = `${'Bà con '.repeat(20)}– ${'đến nhà văn hóa '.repeat(8)}`.trim();
    const [first] = splitSentences(text);
    expect(first?.text.endsWith('–')).toBe(true);
  });

  it('keeps one enormous word whole rather than cutting it', () => {
    const url = `https://example.gov.vn/${'a'.repeat(300)}`;
    const sentences = splitSentences(`Xem ${url} ngay.`);
    expect(sentences.map((s) => s.text)).toContain(url);
    expectFaithful(`Xem ${url} ngay.`, sentences);
  });
});

describe('splitSentences on the demo bulletins', () => {
  // Only the texts matter here: the demo as seeded on a day whose date spans cross a month and a year.
  const bulletins = demoBulletins('2027-12-30');

  it('every piece fits the limit and the pieces cover the whole body and summary', () => {
    for (const bulletin of bulletins) {
      for (const source of [bulletin.body, bulletin.summary, bulletin.title]) {
        const sentences = splitSentences(source);
        for (const s of sentences)
          expect(s.text.length, bulletin.title).toBeLessThanOrEqual(MAX_SENTENCE_LENGTH);
        expectFaithful(source, sentences);
      }
    }
  });

  it('cuts only at white space, so numbers, dates and legal references stay in one piece', () => {
    const references = /\d[\d.,/]*\d(?:\/[\p{Lu}Đ\d-]+)*/gu;
    for (const bulletin of bulletins) {
      const body = bulletin.body;
      const sentences = splitSentences(body);
      for (const s of sentences) {
        expect(body[s.start - 1] ?? ' ', bulletin.title).toMatch(/\s/);
        expect(body[s.end] ?? ' ', bulletin.title).toMatch(/\s/);
      }
      for (const match of body.matchAll(references)) {
        const at = match.index;
        const holder = sentences.find((s) => s.start <= at && at < s.end);
        expect(holder?.text, bulletin.title).toContain(match[0]);
      }
    }
  });

  it('reads the storm warning as the sentences a person would read', () => {
    const storm = bulletins[0];
    const pieces = splitSentences(storm?.body ?? '').map((s) => s.text);
    expect(pieces.slice(0, 3)).toEqual(['Thông báo khẩn!', 'Thông báo khẩn!', 'Kính thưa bà con nhân dân!']);
    expect(pieces).toContain('không ra khơi khi chưa có thông báo mới;');
  });
});
