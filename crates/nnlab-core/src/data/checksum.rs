//! The CRC-32 that guards own points in a link ([`crate::data::points`]) and
//! names them in export files: zlib's (`CRC-32/ISO-HDLC`), from the `crc`
//! crate, one byte a step over a 256-word table (1 kB). crc32fast gave the
//! same values with a 16 kB table, 15 kB of the page's gzipped wasm, for
//! checksums of at most 8 kB of points.

/// The checksum's parameters, as the `crc` crate's catalogue names them.
const CRC32: crc::Crc<u32> = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC);

/// The CRC-32 of `bytes` (zlib's: `checksum(b"123456789") == 0xcbf43926`).
pub fn checksum(bytes: &[u8]) -> u32 {
    CRC32.checksum(bytes)
}

#[cfg(test)]
mod tests {
    use super::checksum;

    #[test]
    fn is_zlibs_crc32() {
        // The standard check values: links written before (crc32fast) read the same.
        assert_eq!(checksum(b"123456789"), 0xcbf4_3926);
        assert_eq!(checksum(b""), 0);
        assert_eq!(
            checksum(b"The quick brown fox jumps over the lazy dog"),
            0x414f_a339
        );
    }
}
