import { checkedImageType, MAX_IMAGE_BYTES, sniffImageType } from '../../../domain/shared/images';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('image signatures', () => {
  it('recognises JPEG, PNG and WebP by content only', () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
    expect(sniffImageType(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50))).toBe('image/webp');
  });

  it('refuses near misses: other RIFF files, truncated signatures, GIF, SVG, empty', () => {
    expect(sniffImageType(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45))).toBeNull();
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull();
    expect(sniffImageType(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('<svg/>'))).toBeNull();
    expect(sniffImageType(bytes())).toBeNull();
  });

  it('checks the 5 MB limit before the type', () => {
    const atLimit = new Uint8Array(MAX_IMAGE_BYTES);
    atLimit.set([0xff, 0xd8, 0xff]);
    expect(checkedImageType(atLimit)).toBe('image/jpeg');
    expect(() => checkedImageType(new Uint8Array(MAX_IMAGE_BYTES + 1))).toThrow(
      expect.objectContaining({ kind: 'too-large' }),
    );
    expect(() => checkedImageType(bytes(1, 2, 3))).toThrow('Only JPEG, PNG or WebP images are allowed');
  });
});
