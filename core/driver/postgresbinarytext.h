#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

// Values of PostgreSQL's binary forms (binary COPY, binary results) written
// as the server's output functions write them as text: float8out with
// extra_float_digits > 0, numeric_out, date_out and timestamp_out with
// DateStyle ISO, byteaout's hex, uuid_out. PostgresBinaryCsv makes CSV with
// them; the tests compare every one with the server's own text.
class PostgresBinaryText final
{
public:
    // The binary forms are in network byte order.
    static uint16_t be16(const unsigned char *p) { return uint16_t(p[0] << 8 | p[1]); }
    static uint32_t be32(const unsigned char *p)
    {
        return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
    }
    static uint64_t be64(const unsigned char *p) { return uint64_t(be32(p)) << 32 | be32(p + 4); }

    // Decimal digits, zero-padded on the left to minDigits.
    static void appendUnsigned(std::string &out, uint64_t value, int minDigits = 1);
    static void appendSigned(std::string &out, int64_t value);
    // The shortest digits that read back as value and lie strictly nearer it
    // than its neighbours; fixed-point for decimal exponents -4 to 14.
    static void appendFloat8(std::string &out, double value);
    // The binary numeric (its digits in base 10000) at its display scale;
    // false when the bytes are not one.
    static bool appendNumeric(std::string &out, const unsigned char *data, size_t size);
    // Days and microseconds counted from 2000-01-01, the infinities included.
    static void appendDate(std::string &out, int32_t days);
    static void appendTimestamp(std::string &out, int64_t microseconds);
    static void appendUuid(std::string &out, const unsigned char *data);
    // Lower-case hex digits, two a byte (bytea's "\x" is the caller's).
    static void appendHex(std::string &out, const unsigned char *data, size_t size);
};
