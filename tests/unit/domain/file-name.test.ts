import { describe, expect, it } from 'vitest';
import { audioFileName, slugify } from '../../../src/domain/file-name.ts';

describe('slugify', () => {
  it('folds Vietnamese to ASCII words joined by hyphens', () => {
    expect(slugify('Thông báo khẩn: chủ động ứng phó với bão số 14')).toBe(
      'thong-bao-khan-chu-dong-ung-pho-voi-bao-so-14',
    );
    expect(slugify('Đất đai — Quyết định 407/QĐ-TTg!')).toBe('dat-dai-quyet-dinh-407-qd-ttg');
  });

  it('cuts long titles at a word boundary within the limit', () => {
    const slug = slugify('Cảnh báo lũ quét, sạt lở đất tại các bản ven suối và sườn đồi xã Tả Phìn', 30);
    expect(slug).toBe('canh-bao-lu-quet-sat-lo-dat');
    expect(slugify('a'.repeat(80), 20)).toBe('a'.repeat(20));
  });

  it('returns an empty slug for text without letters or digits', () => {
    expect(slugify('!!! ---')).toBe('');
  });
});

describe('audioFileName', () => {
  it('names the file after the title and the language', () => {
    expect(audioFileName('Thông báo khẩn: chủ động ứng phó với bão số 14', 'hmn')).toBe(
      'loaxa-thong-bao-khan-chu-dong-ung-pho-voi-bao-so-14-hmn.wav',
    );
    expect(audioFileName('ខ្មែរ', 'khm')).toBe('loaxa-ban-tin-khm.wav');
  });
});
