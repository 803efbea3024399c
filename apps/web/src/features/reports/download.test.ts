import { describe, expect, it } from 'vitest';
import { attachmentName } from './download.js';

describe('export file name', () => {
  it("takes the server's name (the centre's days), not the UTC date of the range's start", () => {
    expect(attachmentName('attachment; filename="response-times-2026-12-01_2026-12-07.csv"', 'x.csv')).toBe(
      'response-times-2026-12-01_2026-12-07.csv',
    );
    expect(attachmentName("attachment; filename*=UTF-8''%E5%93%8D%E5%BA%94.xlsx", 'x.xlsx')).toBe(
      '响应.xlsx',
    );
    expect(attachmentName(null, 'response-times.csv')).toBe('response-times.csv');
    expect(attachmentName('attachment; filename="../../etc/passwd"', 'x')).toBe('.._.._etc_passwd');
  });
});
